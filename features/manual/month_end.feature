# language: zh-CN
@manual @rollout @full @AC-BIZ-02
功能: 月末订单对账（人工验收）
  这一项由业务人员在平台上亲手做一遍，再用 golive manual record 记录结果和证据，
  例如：golive manual record "销售经理完成月末订单对账" --result passed --by "林晓梅" --evidence docs/月末对账.png
  它只在推广和全面上线阶段需要。

  场景: 销售经理完成月末订单对账
    假如 我以"销售经理"身份登录
    当 我导出本月已审批的订单，并与财务的收款记录逐笔核对
    那么 每一笔订单都能对上收款，差异都有说明
