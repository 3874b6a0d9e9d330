# Two commands for a newcomer: `make demo` renders the sample document set,
# `make test` runs the whole test suite. Each creates .venv on first use; the demo
# installs only what exportdocs needs at run time, the tests add the dev tools.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
CODE := $(wildcard src tests benchmarks examples scripts)

.PHONY: demo test lint install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BIN)/exportdocs-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/exportdocs-dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/exportdocs-installed $@

install: $(BIN)/exportdocs-installed

install-dev: $(BIN)/exportdocs-dev-installed

demo: install
	$(BIN)/exportdocs demo $(OUT)

lint: install-dev
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest
