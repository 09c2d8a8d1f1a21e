"""golive init: a working project for a new platform, from what its login page shows.

May import: ``inputs``, ``golive.errors``, ``golive.messages``."""
