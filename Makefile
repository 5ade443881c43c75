# The archive's commands. `make html` and `make test` do all the set-up
# themselves: they create .venv and install the pinned requirements into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SPHINXOPTS ?=
BUILDDIR   := _build

.DEFAULT_GOAL := html
.PHONY: html test lint clean bench

# Re-install only when a requirements file changes.
$(VENV)/.site-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed tests/requirements.txt
	$(BIN)/python -m pip install --quiet -r tests/requirements.txt
	touch $@

## html: build the site into _build/html; any warning fails the build
html: $(VENV)/.site-installed
	$(BIN)/python -m sphinx -b html -W --keep-going -d $(BUILDDIR)/doctrees $(SPHINXOPTS) . $(BUILDDIR)/html

## test: run the whole test suite (lint included)
test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(BUILDDIR)

## bench: the archive against plain Sphinx + MyST (N=100 and 500; BENCH_N to change)
BENCH_N ?= 100 500
bench: $(VENV)/.site-installed
	cd bench && ../$(BIN)/python run.py $(BENCH_N)
