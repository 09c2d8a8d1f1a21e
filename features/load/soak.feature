# language: zh-CN
@load @full @AC-PERF-04
功能: 长时间运行
  少量用户连续工作半小时，看响应时间是否随时间变慢（内存泄漏、连接耗尽）。
  全面上线前的门禁要求它（AC-PERF-04）；单独运行：pytest features -m "load and full"

  场景: 连续工作半小时，系统依然响应及时
    当 长时间的负载运行
    那么 各项性能指标都达到验收标准
