"""Running checks: the target (start the sandbox as a process, or reach a URL; watch it
answer) and each suite as a pytest child process.

May import: ``inputs``, ``evidence``, ``golive.errors``."""
