# language: zh-CN
@load @pilot @AC-PERF-01
功能: 试点阶段的负载
  试点用户同时工作：人数、加压速度和时长在 golive.toml 的 [load.shapes.pilot] 里，
  各项性能指标在 acceptance.yaml 的 AC-PERF-01 里。

  场景: 试点用户同时工作时，系统响应及时、没有报错
    当 试点阶段的负载运行
    那么 各项性能指标都达到验收标准
