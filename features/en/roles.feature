@AC-ROLE-01
Feature: What each role may do, in English

  Scenario Outline: <role> tries to <action> through the API: the platform <verdict> it
    When "<role>" tries to <action> through the API
    Then the platform <verdict> it

    Examples:
      | role          | action                              | verdict |
      | salesperson   | create a lead                       | allows  |
      | viewer        | create a lead                       | refuses |
      | salesperson   | approve an order awaiting approval  | refuses |
      | sales manager | approve an order awaiting approval  | allows  |
      | salesperson   | open another salesperson's customer | refuses |
