@load @pilot @AC-PERF-01
Feature: Load of the pilot
  The pilot's users at work at once: how many, how fast they arrive and for how long is
  golive.toml's [load.shapes.pilot]; the thresholds are AC-PERF-01 in acceptance.yaml.

  Scenario: With the pilot's users at work, the platform answers fast and without errors
    When the pilot load runs
    Then every performance threshold is met
