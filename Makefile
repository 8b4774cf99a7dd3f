# Two commands do all the set-up: `make run` and `make test`. Both are idempotent: the venv is
# (re)built only when pyproject.toml (or this file) changes. `make eval` scores the pipeline over the
# shared corpora (../shared, or MINUTES_SHARED) and prints the figures; it never gates.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the tests need (fonts for the PDFs they make, etc.); installed when missing.
SYSTEM_PACKAGES ?= chromium fonts-arphic-ukai fonts-noto-cjk tesseract-ocr-chi-tra
# Extras `make run` installs: reading PDFs, scans (RapidOCR and onnxruntime, wheels with their models)
# and office files, which is what the sample archive in data/raw holds.
RUN_EXTRAS ?= pdf
# Extras installed for the tests.
TEST_EXTRAS ?= dev,pdf,batch,audit,nlp,ckip
# e.g. make eval EVAL_ARGS="--sets text,real --json build/eval.json"
EVAL_ARGS ?=

.PHONY: run test lint typecheck unit eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.stamp-run: pyproject.toml Makefile | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[$(RUN_EXTRAS)]"
	@touch $@

$(VENV)/.stamp-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[$(TEST_EXTRAS)]"
	@touch $@ $(VENV)/.stamp-run

$(VENV)/.stamp-system: Makefile scripts/ensure-system-packages.sh
	@bash scripts/ensure-system-packages.sh $(SYSTEM_PACKAGES)
	@touch $@

run: $(VENV)/.stamp-run
	$(BIN)/minutes extract data/raw --out data/processed

lint: $(VENV)/.stamp-test
	$(BIN)/ruff check pipeline tests bench

typecheck: $(VENV)/.stamp-test
	$(BIN)/mypy

unit: $(VENV)/.stamp-test $(VENV)/.stamp-system
	$(BIN)/pytest

test: lint typecheck unit

eval: $(VENV)/.stamp-run
	$(BIN)/python bench/eval_corpora.py $(EVAL_ARGS)

clean:
	rm -rf $(VENV) data/processed/json data/processed/parquet data/processed/removed data/processed/.rows \
		data/processed/errors.jsonl data/processed/manifest.jsonl data/processed/last_run.json data/processed/.lock
