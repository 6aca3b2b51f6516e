# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format screenshot tour bench translations dist clean

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

# Figures, not asserts: ingest, repair, structure, search (vs SQLite FTS5), the GUI and real-size
# archives (10 and 100 MB; add 1000 with `bench_scale.py --sizes 10,100,1000`, ~40 min); the frozen
# app's with `$(BIN)/python tests/perf/bench_frozen.py` after `make dist`.
bench: $(STAMP) translations
	$(BIN)/python tests/perf/bench_ingest.py
	$(BIN)/python tests/perf/bench_repair.py
	$(BIN)/python tests/perf/bench_structure.py
	$(BIN)/python tests/perf/bench_search.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/perf/bench_gui.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/perf/bench_scale.py --sizes 10,100

# What a person sees, in both languages, on the seeds and the 10 MB corpus (needs xvfb, xdotool and
# ImageMagick): the results with their totals, KWIC, the chart, the repairs view and bookmarks.
tour: $(STAMP) translations
	for lang in zh_CN en; do \
	  LANG=C.UTF-8 xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python tests/perf/screenshot_tour.py screenshots/seeds $$lang; \
	  LANG=C.UTF-8 xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python tests/perf/screenshot_tour.py screenshots/poetry $$lang ../shared/corpus/poetry 山; \
	done

# .ts sources in resources/translations; the compiled .qm beside them (gitignored).
translations: $(STAMP)
	$(BIN)/pyside6-lrelease -silent resources/translations/*.ts

# A real window under Xvfb with the seeds, a search and an open document: screenshots/main.png.
screenshot: $(STAMP) translations
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python tests/perf/screenshot.py screenshots/main.png

# The installers: PyInstaller bundle in dist/archive-viewer/, then the .deb and the portable .tar.gz.
DIST_STAMP := $(VENV)/.dist-stamp
$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,dist]'
	touch $@

dist: $(DIST_STAMP) translations
	$(BIN)/python packaging/build.py all

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
