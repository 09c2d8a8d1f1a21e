# language: zh-CN
@security @AC-SEC-04
功能: 会话与安全响应头

  @smoke
  场景: 会话 Cookie 受保护，登录时更换会话，退出后会话失效
    当 检查登录、会话 Cookie 和退出登录
    那么 没有发现安全问题

  @smoke
  场景: 每个页面都带安全响应头
    当 检查每个页面的安全响应头
    那么 没有发现安全问题
