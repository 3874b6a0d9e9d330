# Two commands for a newcomer: `make demo` renders the sample document set,
# `make test` runs the whole test suite. Each creates .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
CODE := $(wildcard src tests benchmarks examples scripts)

.PHONY: demo test lint install

$(BIN)/exportdocs-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/exportdocs-installed

demo: install
	$(BIN)/exportdocs demo $(OUT)

lint: install
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest
