# Two commands do all the set-up: `make run` and `make test`. Both are idempotent: the venv is
# (re)built only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the tests need (fonts for the PDFs they make, etc.); installed when missing.
SYSTEM_PACKAGES ?= chromium fonts-arphic-ukai fonts-noto-cjk tesseract-ocr-chi-tra
# Extras installed for the tests.
TEST_EXTRAS ?= dev,pdf,batch,audit,nlp,ckip

.PHONY: run test lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.stamp-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
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

clean:
	rm -rf $(VENV) data/processed/json data/processed/parquet data/processed/errors.jsonl
