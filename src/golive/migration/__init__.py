"""Data-migration reconciliation: a legacy export set against the platform's records."""
