# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format screenshot bench translations dist clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

run: $(STAMP) translations
	$(BIN)/archive-viewer

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check viewer tests
	$(BIN)/ruff format --check viewer tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format viewer tests
	$(BIN)/ruff check --fix viewer tests

bench: $(STAMP)
	$(BIN)/python tests/perf/bench_ingest.py

translations: $(STAMP)
	@true

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
