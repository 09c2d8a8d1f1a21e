"""Security: bandit as a child process and its findings against policy, SARIF, and the
bounded, non-destructive probes of a running target.

May import: ``inputs``, ``evidence``, ``run``, ``golive.errors``."""
