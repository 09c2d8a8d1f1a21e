Feature: Abnormal situations, in English

  @AC-ORD-02
  Scenario: A double click on "Submit order" creates one order
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    When I open the "Orders" page
    And I click "New order"
    And I fill in a new order
    And I double-click "Submit order"
    Then I see the message "Order submitted"
    And there is exactly one order with my note

  @AC-ORD-03
  Scenario: The network drops during submission; nothing is lost and a retry creates one order
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    When I open the "Orders" page
    And I click "New order"
    And I fill in a new order
    And the network drops
    And I click "Submit order"
    Then I see the message "Network error: the order was not submitted"
    And everything I typed is still there
    When the network is back
    And I click "Submit order"
    Then I see the message "Order submitted"
    And there is exactly one order with my note

  @AC-ORD-03
  Scenario: The order reaches the server but its answer is lost; a retry creates one order
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    When I open the "Orders" page
    And I click "New order"
    And I fill in a new order
    And the answer to the next submission is lost
    And I click "Submit order"
    Then I see the message "Network error: the order was not submitted"
    And the submission reached the server but its answer was lost
    And everything I typed is still there
    When I click "Submit order"
    Then I see the message "Order submitted"
    And there is exactly one order with my note

  @AC-DATA-02
  Scenario: Someone else saved the customer first; I am told and keep my input
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    And I open the edit page of one of my customers
    When I fill in "Address" with "8F, 100 Century Avenue, Pudong, Shanghai"
    And meanwhile "sales manager" changes and saves this customer
    And I click "Save"
    Then I see the message "This customer was changed by someone else"
    And everything I typed is still there
