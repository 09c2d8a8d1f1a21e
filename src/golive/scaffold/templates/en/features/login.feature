@AC-AUTH-01
Feature: Logging in
  Each role of golive.toml logs in through $name's own login page, with the account
  and the password its environment variable holds.

  Scenario: The administrator logs in through the login page
    # golive fills in the form and checks that the login page is left behind.
    # Add what your home page shows, e.g.:  Then I see "Welcome"
    When I log in as "admin"
