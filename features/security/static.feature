# language: zh-CN
@security @AC-SEC-01
功能: 源代码静态安全分析
  上线前，用 bandit 检查平台的源代码。超出安全策略（golive.toml）的每个发现都单独
  列出文件、行号、CWE 和代码；已接受的发现必须写在 security/accepted-findings.yaml 里，
  有理由、负责人和到期日，到期后重新算作问题。

  场景: 平台源代码没有超出安全策略的发现
    当 用 bandit 扫描平台的源代码
    那么 没有超出安全策略的发现
