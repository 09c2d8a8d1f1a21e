"""Evidence: the Allure results read as evidence records, reconciled with the checks the
library expects, and the results golive writes for checks that are not a scenario.

May import: ``inputs``, ``golive.errors``."""
