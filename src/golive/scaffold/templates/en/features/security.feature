@security @AC-SEC-01
Feature: Session and security headers
  Bounded, non-destructive probes of the running platform; they run only where
  golive.toml allows probes (loopback addresses do).

  Scenario: The session cookie is protected, renewed at login and ended by logout
    When the login, the session cookie and the logout are checked
    Then no security problem is found

  Scenario: Every page sends the security headers
    When the security headers of every page are checked
    Then no security problem is found
