@migration @AC-MIG-01
Feature: Customer data migrated from the legacy CRM, in English
  The legacy CRM exported its customers (GB18030, its own column names, amounts with
  thousands separators, dates written 2019/03/05) and the platform imported them. Before
  go-live, prove none is missing or extra and every amount and field agrees.

  Scenario: The legacy export's customers are the platform's, record by record
    When the legacy export of "customers" is reconciled with the platform
    Then the record counts, amount totals and sampled fields all agree
