# salary_insights: one entry point. `make run` and `make test` are the two
# commands of the README; everything they need is installed by them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE_ROWS ?= 50000
SAMPLE_SEED ?= 42
DBT := $(BIN)/dbt
DBT_FLAGS := --profiles-dir profiles

export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: run test setup sample build table docs bench clean

## run: set up, generate the bundled sample, build the warehouse, print the table
run: setup sample build table

## test: set up, then run every test (pytest: unit + dbt end to end)
test: setup
	$(BIN)/python -m pytest

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

sample: setup
	$(BIN)/python -m python_udfs.generate --rows $(SAMPLE_ROWS) --seed $(SAMPLE_SEED) --out data/sample

# the sample is generated anew (dates relative to today), so its warehouse is
# rebuilt from scratch; on your own files plain `dbt build` is incremental
build: setup
	$(DBT) build $(DBT_FLAGS) --full-refresh

table: setup
	$(BIN)/python -m python_udfs.report

docs: setup
	$(DBT) docs generate $(DBT_FLAGS)

clean:
	rm -rf target logs data/salary_insights.duckdb
