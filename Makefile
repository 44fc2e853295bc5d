# Parcours numérique solidaire: the commands a developer and CI use.
# Odoo 18 must be importable by $(PYTHON) and PostgreSQL must answer (see README.md);
# PGHOST, PGPORT, PGUSER and PGPASSWORD are honoured by every target.

SHELL := /bin/bash
PYTHON ?= python3
export PYTHON

# Database used by `make bench`
BENCH_DB ?= parcours_demo

.DEFAULT_GOAL := help
.PHONY: help check-env run test lint format readme bench

help:
	@echo "make run        Odoo on http://localhost:8069, database parcours_demo (demo data)"
	@echo "make test       install on a throwaway database, pytest, tours, lint"
	@echo "make lint       pre-commit on all files"
	@echo "make format     fix what the formatters can fix (ruff, prettier)"
	@echo "make readme     regenerate each addon's README.rst from its readme/ fragments"
	@echo "make bench      run every bench/bench_*.py against BENCH_DB=$(BENCH_DB)"
	@echo "make check-env  name what this repository cannot install itself (Odoo, PostgreSQL...)"

# One line naming everything missing that we cannot install (Odoo 18, PostgreSQL,
# node, a browser), and a failure, before anything slow. `run` and `test` then
# install the Python and npm tools they need when missing (tools/ensure-tools.sh).
check-env:
	@bash tools/check-env.sh test

run:
	@bash tools/check-env.sh run
	@bash tools/run.sh

test:
	@bash tools/check-env.sh test
	@bash tools/test.sh

lint:
	pre-commit run --all-files --show-diff-on-failure

format:
	ruff check --fix .
	ruff format .
	node_modules/.bin/prettier --write "addons/**/*.xml"

readme:
	$(PYTHON) tools/gen_addon_readme.py addons

bench:
	@bash tools/check-env.sh run
	@bash tools/bench.sh $(BENCH_DB)
