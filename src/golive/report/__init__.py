"""What a run shows and writes: the gate's files (gate.json/.md/.html, junit.xml), the
Allure HTML report, charts, and the terminal's text.

May import: ``inputs``, ``evidence``, ``gate``, ``load``, ``golive.errors``."""
