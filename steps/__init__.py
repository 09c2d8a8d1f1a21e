"""Step definitions for golive's scenarios; conftest.py loads them as pytest plugins."""
