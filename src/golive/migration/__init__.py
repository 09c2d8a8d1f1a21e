"""Data-migration reconciliation: a legacy export set against the platform's records.

``reconciliation`` (:func:`reconcile`: counts, keys, amount totals and fields compared in
DuckDB; every difference to a CSV), ``sources`` (CSV, JSON lines, Excel and API records
read as text), ``result`` (:class:`Reconciliation` and :func:`describe`, the lines a
person reads). The entities come from golive.toml's ``[migration]``
(:mod:`golive.inputs.migration`). May import inputs, evidence, errors and messages, and
duckdb and openpyxl, lazily: golive's CLI imports fast without them.
"""
