@AC-AUTH-01
Feature: Daily work, in English
  The same daily work as the Chinese features, with the platform switched to English.

  Scenario: A salesperson logs in and sees both goals on the dashboard
    When I log in as "salesperson"
    And I switch the language to "English"
    Then the page heading is "Dashboard"
    And I see "Lead conversion rate"
    And I see "Average order processing time"

  @AC-LEAD-01
  Scenario: A salesperson enters a lead and finds it by company
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    When I open the "Leads" page
    And I click "New lead"
    And I fill in a new lead
    And I click "Save lead"
    Then I see the message "Lead created"
    When I open the "Leads" page
    And I fill in "Search" with the "Company" I entered
    And I click "Search"
    Then a table row contains the "Company" I entered

  @AC-ORD-01
  Scenario: A salesperson submits an order and a sales manager approves it
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    When I open the "Orders" page
    And I click "New order"
    And I fill in a new order
    And I click "Submit order"
    Then I see the message "Order submitted"
    When I note this page
    And I log in as "sales manager"
    And I switch the language to "English"
    And I open the page I noted
    And I click "Approve"
    Then I see the message "Order approved"
