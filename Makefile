# proficio — two commands for a newcomer: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/proficio

.PHONY: setup system-packages demo serve test test-thorough lint bench bench-smoke clean

## setup: create the virtual environment and install proficio with its test tools
setup: $(VENV)/.installed system-packages

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

## system-packages: Debian packages the project needs (Chromium for browser tests), installed when missing
system-packages:
	@bash scripts/system-packages.sh

## demo: install, build the SQLite demo district (once), serve on http://127.0.0.1:8000
demo: setup
	$(BIN)/proficio demo --if-empty
	@echo "Serving on http://127.0.0.1:8000 — press Ctrl+C to stop."
	$(BIN)/proficio serve

serve: setup
	$(BIN)/proficio serve

## test: ruff, the whole suite on SQLite (two workers), the benchmark smoke, a timing table. With
## PROFICIO_TEST_POSTGRES=1 (CI): every database test on PostgreSQL, the rest and the vendor-sensitive on SQLite
test: setup
	@BIN=$(BIN) PG_URL=$(PG_URL) bash scripts/test-suite.sh

## test-thorough: the rare deep check: everything on SQLite and on PostgreSQL, property tests at full strength
test-thorough: setup
	@BIN=$(BIN) PG_URL=$(PG_URL) PROFICIO_TEST_THOROUGH=1 bash scripts/test-suite.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks

## bench: every benchmark in benchmarks/, each printing its ratio against a baseline measured in the same run
bench: setup
	@shopt -s nullglob; scripts=(benchmarks/*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "No benchmarks yet."; fi; \
	for script in "$${scripts[@]}"; do echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

## bench-smoke: the benchmarks with a smoke test (rollup, OneRoster import, insights, load, faults, workers) at their smallest size, two at a time (part of make test)
bench-smoke: setup
	env -u DATABASE_URL $(BIN)/python -m pytest --part=benchmark-smoke -n 2 --dist load

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
