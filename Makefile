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

.PHONY: run test setup sample build train rescore table eval retrain docs bench clean own real

EVAL_DB := data/eval.duckdb
# the warehouse train / retrain read: the sample's, or yours with
# SALARY_INSIGHTS_DB=data/own.duckdb make train (trained on its own rule labels)
WAREHOUSE := $(or $(SALARY_INSIGHTS_DB),data/salary_insights.duckdb)
# the sample is scored against its gold labels, and by the local model on every posting
SAMPLE_VARS := {gold_labels_path: data/sample/gold.parquet, model_score_all: true}
EVAL_VARS := {raw_postings_path: seeds/eval/eval_postings.csv, as_of_date: "2026-11-01", model_score_all: true, llm_request_all: true}

## run: set up, generate the bundled sample, build the warehouse, train the local
## model on it, let the cascade use it, print the table
run: setup sample build train rescore table

## test: set up, then run every test (pytest: unit + dbt end to end), on as
## many pytest-xdist workers as the machine has cores; a test file stays on one
## worker, so its module fixtures (warehouses) are built once
test: setup
	$(BIN)/python -m pytest -n auto --dist loadfile

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

docs: setup
	$(DBT) docs generate $(DBT_FLAGS)

clean:
	rm -rf target logs data/salary_insights.duckdb $(EVAL_DB)
