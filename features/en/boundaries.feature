@AC-DATA-01
Feature: Boundaries, in English

  Background:
    Given I am logged in as "salesperson"
    And I switch the language to "English"
    And I open the "Leads" page
    And I click "New lead"
    And I fill in a new lead

  Scenario Outline: A contact name of <length> characters
    When I fill in "Contact" with <length> characters
    And I click "Save lead"
    Then I see the message "<message>"

    Examples:
      | length | message                           |
      | 100    | Lead created                      |
      | 101    | Contact must be at most 100 characters |

  Scenario: Quotes, emoji and markup in a note are kept exactly
    When I fill in "Note" with "O'Brien said "ok" 😀 <i>today</i>"
    And I click "Save lead"
    Then I see the message "Lead created"
    And I see "O'Brien said "ok" 😀 <i>today</i>"
