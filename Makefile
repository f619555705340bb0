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
comma := ,

.PHONY: run test setup sample build train rescore table eval retrain docs bench clean own real lint help report browser

EVAL_DB := data/eval.duckdb
# the warehouse train / retrain read: the sample's, or yours with
# SALARY_INSIGHTS_DB=data/own.duckdb make train (trained on its own rule labels)
WAREHOUSE := $(or $(SALARY_INSIGHTS_DB),data/salary_insights.duckdb)
# the sample is scored against its gold labels, and by the local model on every posting
SAMPLE_VARS := {gold_labels_path: data/sample/gold.parquet, model_score_all: true}
EVAL_VARS := {raw_postings_path: seeds/eval/eval_postings.csv, as_of_date: "2026-11-01", model_score_all: true, llm_request_all: true}

## run: set up, generate the bundled sample, build the warehouse, train the local
## model on it, let the cascade use it, print the table
run: setup sample build train rescore table report

## test: set up, lint, then run every test (pytest: unit + dbt end to end), on
## as many pytest-xdist workers as the machine has cores; a test file stays on
## one worker, so its module fixtures (warehouses) are built once
test: setup lint browser
	$(BIN)/python -m pytest -n auto --dist loadfile

## browser: headless Chromium (Debian package, /usr/bin/chromium) for the browser
##   test of the HTML report; installs it with apt-get (as root) when it is missing
browser:
	bash scripts/install_browser.sh

## lint: ruff (Python: lint and format) and sqlfluff with the dbt templater (SQL of
## the models and dbt tests; rules in .sqlfluff)
LINT_DB := $(abspath target/lint.duckdb)
lint: setup
	$(BIN)/ruff check python_udfs tests bench
	$(BIN)/ruff format --check python_udfs tests bench
	@# macros read seeds and the file listing at compile time: a small lint warehouse
	SALARY_INSIGHTS_DB=$(LINT_DB) $(DBT) seed $(DBT_FLAGS) --quiet
	SALARY_INSIGHTS_DB=$(LINT_DB) $(DBT) run $(DBT_FLAGS) --quiet --select base_job_postings__raw_files \
		--vars '{raw_postings_path: seeds/eval/eval_postings.csv}'
	SALARY_INSIGHTS_DB=$(LINT_DB) $(BIN)/sqlfluff lint models tests/dbt --processes 2

## help: this list
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## //'

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

sample: setup
	$(BIN)/python -m python_udfs.sample.generate --rows $(SAMPLE_ROWS) --seed $(SAMPLE_SEED) --out data/sample

# the sample is generated anew (dates relative to today), so its warehouse is
# rebuilt from scratch; on your own files plain `dbt build` is incremental
build: setup
	$(DBT) build $(DBT_FLAGS) --full-refresh --vars '$(SAMPLE_VARS)'

# the local model (job family, seniority) trained on the warehouse's rule labels
train: setup
	$(BIN)/python -m python_udfs.model.train --db $(WAREHOUSE) --out artifacts/models

# score with the newly trained model: the model's predictions and everything after them
rescore: setup
	$(DBT) build $(DBT_FLAGS) --full-refresh --select int_postings__model_predictions+ \
		--vars '$(SAMPLE_VARS)'

# train a candidate; it replaces the current model only if it scores no lower on the
# hand-labeled evaluation set
retrain: setup
	$(BIN)/python -m python_udfs.model.retrain --db $(WAREHOUSE) \
		--out artifacts/models --eval-csv seeds/eval/eval_postings.csv

## eval: the hand-labeled postings of seeds/eval through every method (rules, local
## model, LLM, cascade) into data/eval.duckdb; prints eval_methods_comparison
eval: setup
	SALARY_INSIGHTS_DB=$(EVAL_DB) $(DBT) build $(DBT_FLAGS) --full-refresh --vars '$(EVAL_VARS)'
	$(BIN)/python -m python_udfs.reports.eval_tables --db $(EVAL_DB)

table: setup
	$(BIN)/python -m python_udfs.reports.salary_table

## report: one self-contained HTML report of the marts (charts, key numbers, methods,
##   LLM usage, freshness) in data/report.html, its main chart in data/report.png;
##   from data/salary_insights.duckdb or SALARY_INSIGHTS_DB
report: setup
	$(BIN)/python -m python_udfs.reports.html_report --db $(WAREHOUSE) \
		--out data/report.html --png data/report.png

## own: your own files into their own warehouse (not the sample's):
##   make own FILES='/data/postings/*.csv' [DB=data/own.duckdb] [AS_OF=2026-11-01]
## a later run with more files (same DB) adds only what is new
DB ?= data/own.duckdb
own: setup
	@test -n "$(FILES)" || (echo "usage: make own FILES='/path/to/postings/*.parquet' [DB=data/own.duckdb]"; exit 2)
	SALARY_INSIGHTS_DB=$(DB) $(DBT) build $(DBT_FLAGS) \
		--vars '{raw_postings_path: "$(FILES)"$(if $(AS_OF),$(comma) as_of_date: "$(AS_OF)")}'
	SALARY_INSIGHTS_DB=$(DB) $(BIN)/python -m python_udfs.reports.salary_table

## real: the real postings of ../shared/real-postings converted (data/real/) and built
## into data/real.duckdb, with the real evaluation set scored
REAL_AS_OF ?= 2026-06-01
real: setup
	$(BIN)/python -m python_udfs.sample.real_postings --out data/real
	SALARY_INSIGHTS_DB=data/real.duckdb $(DBT) build $(DBT_FLAGS) --full-refresh \
		--vars '{raw_postings_path: "data/real/*.parquet", as_of_date: "$(REAL_AS_OF)", insights_window_months: 120}'
	$(BIN)/python -m python_udfs.reports.eval_tables --db data/real.duckdb

## docs: dbt docs (catalog and graph in target/; browse with
##   .venv/bin/dbt docs serve --profiles-dir profiles), and the lineage pictures of
##   README.md and docs/lineage.md generated from the same manifest
docs: setup
	$(DBT) docs generate $(DBT_FLAGS)
	$(BIN)/python -m python_udfs.reports.lineage --manifest target/manifest.json \
		--readme README.md --docs docs/lineage.md

clean:
	rm -rf target logs data/salary_insights.duckdb $(EVAL_DB)
