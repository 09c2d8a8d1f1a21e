# language: zh-CN
@AC-CALC-01
功能: 金额与指标按记录核算
  流程走得通还不够，数字也必须对。页面上的订单金额和工作台指标，都要和按接口
  列出的记录独立算出的结果一致（按看的人能看到的范围）。

  @R-ORD-01 @R-ORD-02
  场景: 订单合计等于各明细的数量乘以单价之和，金额精确到分
    假如 我以"销售"身份登录
    当 我进入"订单"页面
    而且 我点击"新建订单"
    而且 我填写一张新订单
    而且 我在"单价（元）"中填写"1234.05"
    而且 我点击"提交订单"
    那么 我看到提示"订单已提交"
    而且 页面上的"合计"等于"/api/orders/{id}#lines"中"quantity * unit_price"的合计
    而且 记录"/api/orders/{id}"的"total"是"2468.10"

  @R-DASH-01 @R-DASH-02 @R-DASH-03 @R-DASH-04 @R-DASH-05
  场景大纲: <角色>的工作台指标与其负责范围内的记录一致
    假如 我以"<角色>"身份登录
    当 我进入"工作台"页面
    那么 页面上的"线索转化率"等于"/api/leads"中"status"为"converted"的记录所占百分比
    而且 页面上的"线索总数"等于"/api/leads"中的记录数
    而且 页面上的"已转化线索"等于"/api/leads"中的记录数，其中"status"为"converted"
    而且 页面上的"平均订单处理时长"等于"/api/orders"中"decided_at - submitted_at"的平均值，其中"status"为"approved"
    而且 页面上的"客户总数"等于"/api/customers"中的记录数
    而且 页面上的"订单总数"等于"/api/orders"中的记录数
    而且 页面上的"已批准订单"等于"/api/orders"中的记录数，其中"status"为"approved"
    而且 页面上的"已批准订单金额"等于"/api/orders"中"total"的合计，其中"status"为"approved"

    例子:
      | 角色     |
      | 销售     |
      | 销售经理 |
      | 只读用户 |

  @R-DASH-06
  场景: 接口给出的工作台指标与记录一致
    那么 "销售经理"从接口"/api/dashboard"得到的"approved_amount"等于"/api/orders"中"total"的合计，其中"status"为"approved"
    而且 "销售经理"从接口"/api/dashboard"得到的"lead_conversion_rate"等于"/api/leads"中"status"为"converted"的记录所占百分比
    而且 "销售经理"从接口"/api/dashboard"得到的"avg_order_processing_hours"等于"/api/orders"中"decided_at - submitted_at"的平均值，其中"status"为"approved"
