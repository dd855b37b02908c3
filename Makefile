# Everything the project needs is installed by these targets on a machine with Python 3.11+ and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
DOCS_STAMP := $(VENV)/.installed-docs

.PHONY: demo test test-slow test-pg lint typecheck unit bench docs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## make demo: sample feeds on 127.0.0.1 change step by step; the real watcher prints each alert (~15 s)
demo: $(STAMP)
	$(BIN)/tradewatch demo

## make test: lint, format check, strict typing, and the test suite with branch coverage
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples tools
	$(BIN)/ruff format --check src tests bench examples tools

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" --cov=tradewatch --cov-branch --cov-report=term-missing:skip-covered
	$(BIN)/python -m coverage report --fail-under=95 --include='*/tradewatch/model/*,*/tradewatch/serial.py'

## make test-slow: the long soak, kill and scale variants (pytest marker "slow")
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 5 ]

test-pg: $(STAMP)
	@dir=$$(mktemp -d "$${TMPDIR:-/tmp}/tradewatch-pg.XXXXXX") && \
	trap 'tools/pg-cluster stop "$$dir"; rm -rf "$$dir"' EXIT && \
	url=$$(tools/pg-cluster start "$$dir") && \
	echo "PostgreSQL for the tests: $$url" && \
	TRADEWATCH_TEST_PG="$$url" TRADEWATCH_REQUIRE_PG=1 $(BIN)/python -m pytest -m "not slow" \
		tests/test_store.py tests/test_store_contract.py tests/test_multiprocess.py

## make bench: the measurements behind the figures in docs/
bench: $(STAMP)
	$(BIN)/python bench/serial.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/ledger.py

$(DOCS_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,docs]'
	touch $(DOCS_STAMP)

## make docs: the documentation site (MkDocs, strict: a broken link or reference fails) into site/
docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage .hypothesis build dist site
