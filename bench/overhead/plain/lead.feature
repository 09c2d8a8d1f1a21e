Feature: New lead, plain pytest-bdd + Playwright
  Scenario Outline: Enter lead <n>
    Given I am logged in as sales
    When I create a lead
    Then the lead is saved

    Examples:
      | n |
      | 1 |
      | 2 |
      | 3 |
      | 4 |
      | 5 |
      | 6 |
      | 7 |
      | 8 |
      | 9 |
      | 10 |
