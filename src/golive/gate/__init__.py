"""The verdict: GO or NO-GO per phase on the reconciled evidence (pure), the
traceability matrix, and the history of verdicts (SQLite).

May import: ``inputs``, ``evidence``, ``golive.errors``."""
