"""The generic steps, in Chinese and English: web (a person at a browser), API, load and
security. They know no particular platform; the plugin loads them (ini ``golive_steps``)."""
