"""Load: one bounded Locust run as a subprocess playing a shape of golive.toml, its numbers
against the thresholds, and the shape player that runs inside Locust.

Nothing here imports locust (it patches the process with gevent) except
``shape_player.py``, which only Locust loads. May import: ``inputs``, ``run``,
``golive.errors``."""
