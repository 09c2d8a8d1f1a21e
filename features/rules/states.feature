# language: zh-CN
@AC-STATE-01
功能: 状态流转
  订单：草稿 → 待审批 → 已批准或已驳回；线索：新线索 → 已确认 → 已转化。
  每一步都看记录本身，而不只看页面上的提示；不允许的流转一律拒绝。

  @R-ORD-03
  场景: 草稿提交审批后，订单本身变为待审批并记下提交时间
    假如 我以"销售"身份登录
    当 我进入"订单"页面
    而且 我点击"新建订单"
    而且 我填写一张新订单
    而且 我点击"保存草稿"
    那么 我看到提示"草稿已保存"
    而且 记录"/api/orders/{id}"的"status"是"draft"
    而且 记录"/api/orders/{id}"的"submitted_at"为空
    当 我点击"提交审批"
    那么 我看到提示"订单已提交审批"
    而且 记录"/api/orders/{id}"的"status"是"submitted"
    而且 记录"/api/orders/{id}"的"submitted_at"不为空
    而且 页面上的"提交时间"是记录"/api/orders/{id}"的"submitted_at"，按"Asia/Shanghai"时间

  @R-ORD-14
  场景: 页面脚本加载失败时，订单表单照样可用，存为草稿的仍然只是草稿
    假如 我以"销售"身份登录
    而且 页面脚本加载失败
    当 我打开"/orders/new"
    而且 我填写一张新订单
    而且 我点击"保存草稿"
    那么 我看到提示"草稿已保存"
    而且 记录"/api/orders/{id}"的"status"是"draft"

  @R-ORD-04
  场景: 草稿不能不经提交就被批准
    假如 "销售"通过接口保存了一张草稿订单
    当 "销售经理"调用接口 POST "/api/orders/{id}/approve"
    那么 接口返回状态 409
    而且 记录"/api/orders/{id}"的"status"是"draft"

  @R-ORD-05
  场景: 销售经理在页面上驳回订单，订单本身和处理记录都是驳回
    假如 "销售"通过接口提交了一张订单
    而且 我以"销售经理"身份登录
    当 我打开"/orders/{id}"
    而且 我在"驳回原因"中填写"价格需要重新确认"
    而且 我点击"驳回"
    那么 我看到提示"订单已驳回"
    而且 记录"/api/orders/{id}"的"status"是"rejected"
    而且 记录"/api/orders/{id}"的"approved_at"为空
    而且 记录"/api/orders/{id}"的"decided_at"不为空
    而且 表格中有一行包含"驳回"

  @R-ORD-06
  场景: 驳回的订单不能再批准，也不能原样重新提交
    假如 "销售"通过接口提交了一张订单
    当 "销售经理"调用接口 POST "/api/orders/{id}/reject"，内容为:
      """
      {"reason": "价格需要重新确认"}
      """
    那么 接口返回状态 200
    当 "销售经理"调用接口 POST "/api/orders/{id}/approve"
    那么 接口返回状态 409
    当 "销售"调用接口 POST "/api/orders/{id}/submit"
    那么 接口返回状态 409
    而且 记录"/api/orders/{id}"的"status"是"rejected"

  @R-ORD-15
  场景: 已批准的订单不能再驳回，也不能再提交
    假如 "销售"通过接口提交了一张订单
    当 "销售经理"调用接口 POST "/api/orders/{id}/approve"
    那么 接口返回状态 200
    而且 接口返回的"status"是"approved"
    当 "销售经理"调用接口 POST "/api/orders/{id}/reject"，内容为:
      """
      {"reason": "批准后反悔"}
      """
    那么 接口返回状态 409
    当 "销售"调用接口 POST "/api/orders/{id}/submit"
    那么 接口返回状态 409
    而且 记录"/api/orders/{id}"的"status"是"approved"
    而且 记录"/api/orders/{id}"的"approved_at"不为空

  @R-ORD-07
  场景: 新订单接口返回 201，同一个幂等键重发返回 200 和同一张订单
    假如 "销售"通过接口提交了一张订单
    那么 接口返回状态 201
    当 同一张订单因为网络重试又被发送了一次
    那么 接口返回状态 200
    而且 系统中只有一张带我备注的订单

  @R-LEAD-02 @R-LEAD-03 @R-LEAD-04
  场景: 线索先确认才能转化；转化出的客户归原销售，联系人和公司照搬；不能再转化或再确认
    当 "销售"调用接口 POST "/api/leads"，内容为:
      """
      {"name": "王芳", "company": "杭州云杉科技有限公司", "phone": "138 0013 8000", "email": "wangfang@example.com", "source": "other", "note": ""}
      """
    那么 接口返回状态 201
    当 "销售经理"调用接口 POST "/api/leads/{id}/convert"
    那么 接口返回状态 409
    当 "销售经理"调用接口 POST "/api/leads/{id}/qualify"
    那么 接口返回状态 200
    当 "销售经理"调用接口 POST "/api/leads/{id}/convert"
    那么 接口返回状态 201
    而且 接口返回的"name"是"王芳"
    而且 接口返回的"company"是"杭州云杉科技有限公司"
    而且 接口返回的"owner_username"是"sales"
    当 "销售经理"调用接口 POST "/api/leads/{id}/convert"
    那么 接口返回状态 409
    当 "销售经理"调用接口 POST "/api/leads/{id}/qualify"
    那么 接口返回状态 409
