"""Inside pytest: the plugin (options, feature collection, fixtures), the browser wiring
and failure evidence, the API client, test data, and the generic steps every project
gets (``golive.pytest.steps``).

May import every layer but ``cli``."""
