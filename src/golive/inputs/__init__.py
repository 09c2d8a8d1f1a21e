"""What a team writes, read and checked once: golive.toml, the catalog, approvals, the
feature library.

Pure readers: they open files and return frozen data or raise a located ``ConfigError``.
May import: ``golive.errors``, ``golive.messages``."""
