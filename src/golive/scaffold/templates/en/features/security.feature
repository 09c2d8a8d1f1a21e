@security
Feature: Security of the platform
  Bounded, non-destructive probes of the running platform; they run only where
  golive.toml allows probes (loopback addresses do). They find what to try by crawling
  the platform as each user in golive.toml and as an anonymous visitor: add a user per
  role and the probes try what each role may not do. A probe that finds nothing to try
  fails with "nothing proven"; if the platform truly has no such thing (no form that
  makes a record, say), delete that scenario and say why in the review.

  @AC-SEC-01
  Scenario: The session cookie is protected, renewed at login and ended by logout
    When the login, the session cookie and the logout are checked
    Then no security problem is found

  @AC-SEC-01
  Scenario: Every page sends the security headers
    When the security headers of every page are checked
    Then no security problem is found

  @AC-SEC-02
  Scenario: A page a role's menus leave out refuses that role when opened directly
    When each role opens the pages its menus leave out
    Then no security problem is found

  @AC-SEC-02
  Scenario: Nobody changes or deletes a record they may not open or are not offered to change
    When other roles try to change and delete a record the probe made
    Then no security problem is found

  @AC-SEC-02
  Scenario: A record one may not open does not turn up in one's lists and searches
    When a record the probe makes is looked for in the lists and searches of roles that may not open it
    Then no security problem is found

  @AC-SEC-02
  Scenario: A form takes only the fields it shows
    When fields a form does not show are sent with the forms of a record the probe makes
    Then no security problem is found

  @AC-SEC-02
  Scenario: Nobody raises their own access through their own account's forms
    When each role tries to raise itself through the role and permission fields of its own account's forms
    Then no security problem is found

  @AC-SEC-03
  Scenario: Search, filter and lookup input is never run as SQL
    When SQL injection is tried on every search and filter parameter
    Then no security problem is found

  @AC-SEC-03
  Scenario: Overlong and malformed input is refused, not a server error
    When overlong and malformed input is sent to every parameter and form
    Then no security problem is found

  @AC-SEC-03
  Scenario: Input shown on a page is escaped
    When a script is sent in the page parameters
    Then no security problem is found

  @AC-SEC-03
  Scenario: What is stored in a record is escaped on every page
    When markup is written into a record the probe makes and looked for on every page
    Then no security problem is found

  @AC-SEC-03
  Scenario: A redirect parameter never sends a person to another site
    When another site's address is sent to every redirect parameter
    Then no security problem is found

  @AC-SEC-03
  Scenario: State-changing forms need a CSRF token
    When the state-changing forms are sent without their CSRF token
    Then no security problem is found
