Feature: Business rules, in English
  The same rules as the Chinese features under features/rules/, with the platform
  switched to English: figures computed from the records, lists complete, and the
  record itself in the state the page announced.

  @AC-CALC-01 @R-DASH-01 @R-DASH-02 @R-DASH-04
  Scenario: A sales manager's dashboard agrees with the records
    Given I am logged in as "sales manager"
    And I switch the language to "English"
    When I open the "Dashboard" page
    Then the figure "Lead conversion rate" equals the percentage of records in "/api/leads" where "status" is "converted"
    And the figure "Average order processing time" equals the mean of "decided_at - submitted_at" in "/api/orders" where "status" is "approved"
    And the figure "Approved order value" equals the sum of "total" in "/api/orders" where "status" is "approved"
    And the "approved_amount" "sales manager" gets from "/api/dashboard" equals the sum of "total" in "/api/orders" where "status" is "approved"

  @AC-LIST-01 @R-LIST-02
  Scenario: Leads filtered by status, page by page, leave nothing out
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    When I open the "Leads" page
    And I choose "Qualified" in "Status"
    And I click "Search"
    Then the table shows every record of "/api/leads" where "status" is "qualified" exactly once across its pages, matching column "Contact" to "name"

  @AC-LIST-01 @R-LIST-06
  Scenario: A sales manager can choose every customer for an order
    Given I am logged in as "sales manager"
    And I switch the language to "English"
    When I go to "/orders/new"
    Then the choices of "Customer" are every record of "/api/customers", matching "{name}（{company}）"

  @AC-STATE-01 @R-ORD-03
  Scenario: A draft submitted for approval is awaiting approval, with its submission time
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    When I open the "Orders" page
    And I click "New order"
    And I fill in a new order
    And I click "Save draft"
    Then I see the message "Draft saved"
    And the record "/api/orders/{id}" has "status" "draft"
    And the record "/api/orders/{id}" has no "submitted_at"
    When I click "Submit for approval"
    Then I see the message "Order submitted for approval"
    And the record "/api/orders/{id}" has "status" "submitted"
    And the record "/api/orders/{id}" has a "submitted_at"
