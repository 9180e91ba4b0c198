# Copilot 2.0 - developer entry points. See README "Quick start".
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: help install services test lint typecheck pytest demo bench chromium clean

help:
	@echo "make demo   - install, migrate, seed, start API + worker + Studio, replay demo events"
	@echo "make test   - install, lint, type-check and run the whole pytest suite"
	@echo "make bench  - run the benchmarks in bench/ (not part of make test)"

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "error: $(PY) not found - install Python 3.11"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

services:
	@bash scripts/ensure_services.sh

chromium:
	@bash scripts/ensure_chromium.sh

lint: install
	$(BIN)/ruff check engine studio tests bench worker.py

typecheck: install
	$(BIN)/mypy engine

pytest: install services chromium
	$(BIN)/pytest $(PYTEST_ARGS)

test: install services chromium lint typecheck pytest

demo: install services
	@bash scripts/demo.sh

bench: install services
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) artifacts .pytest_cache .mypy_cache .ruff_cache
