.PHONY: setup check lint test bench mutants
PY := .venv/bin/python

setup:
	scripts/setup.sh

lint:
	.venv/bin/ruff format --check src steps tests bench perf fixtures conftest.py sandbox
	.venv/bin/ruff check src steps tests bench perf fixtures conftest.py sandbox
	.venv/bin/mypy

test:
	$(PY) -m pytest

check: setup lint test

bench:
	$(PY) bench/sandbox_start.py
	$(PY) bench/cli_start.py
	$(PY) bench/api_latency.py
	$(PY) bench/api_latency.py --think 0.5
	$(PY) bench/gate_scale.py
	$(PY) bench/uat_suite.py
	$(PY) bench/uat_overhead.py
	$(PY) bench/report_build.py
	$(PY) bench/load_generator.py
	$(PY) bench/security_suite.py

mutants:
	$(PY) bench/mutants/run.py
