@load @pilot @AC-PERF-01
Feature: Load of the pilot phase, in English
  The same pilot load as features/load/pilot.feature, read by English speakers: one
  department of about 20 people at work at once. The numbers live in golive.toml
  ([load.shapes.pilot]) and the thresholds in acceptance.yaml (AC-PERF-01).

  Scenario: With the pilot department at work, the platform answers fast and without errors
    When the pilot phase load runs
    Then every performance threshold is met
    And 95% of "提交订单" requests complete within 800 ms
