# Cortesia — `make help` lists the targets. `make demo` and `make test` are the two that matter.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
RUN := $(VENV)/bin
export UV_PYTHON ?= $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
LANGS := en it fi bg ro ar

.PHONY: help setup setup-dev demo run worker test lint typecheck checks messages check-messages \
        test-sqlite test-postgres test-e2e test-slow openapi fmt check clean

help: ## List the targets.
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

setup: $(UV) ## Install the application into .venv (no development tools).
	$(UV) sync --frozen --no-dev

setup-dev: $(UV) ## Install the application and the development tools into .venv.
	$(UV) sync --frozen

demo: setup ## Create the SQLite database, load the demo data and serve on 127.0.0.1:8000.
	$(RUN)/cortesia demo

run: setup ## Serve the existing database (web processes + a task worker process).
	$(RUN)/cortesia migrate --no-input && $(RUN)/cortesia serve

worker: setup ## Run another task worker process (for cortesia serve --no-task-worker).
	$(RUN)/cortesia worker

test: setup-dev lint typecheck checks test-sqlite test-postgres test-e2e ## Everything CI runs.

lint: setup-dev ## ruff, import contracts, forbidden patterns.
	$(RUN)/ruff check .
	$(RUN)/ruff format --check .
	$(RUN)/lint-imports
	scripts/check_patterns.sh

typecheck: setup-dev ## mypy --strict on cortesia/ (tests included).
	$(RUN)/mypy cortesia tests

checks: setup-dev check-messages ## Migrations in step, OpenAPI file in step, translations complete.
	DJANGO_SETTINGS_MODULE=cortesia.settings_test $(RUN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cortesia.settings_test $(RUN)/python manage.py export_openapi --check docs/api/openapi.json

check-messages: setup-dev ## makemessages leaves no diff; every catalogue 100 % translated.
	scripts/check_messages.sh $(LANGS)

messages: setup-dev ## Refresh the .po catalogues after changing user-facing text.
	DJANGO_SETTINGS_MODULE=cortesia.settings_test $(RUN)/python manage.py makemessages $(addprefix -l ,$(LANGS)) \
	  --no-obsolete --add-location=file --ignore='.venv/*' --ignore='.tools/*' --ignore='var/*' --ignore='tests/*'

openapi: setup-dev ## Regenerate docs/api/openapi.json.
	DJANGO_SETTINGS_MODULE=cortesia.settings_test $(RUN)/python manage.py export_openapi docs/api/openapi.json

# The fast suites run on as many processes as the machine has cores, at most four.
XDIST := -n auto --maxprocesses=4

test-sqlite: setup-dev ## The fast suite on SQLite.
	$(RUN)/pytest -q $(XDIST)

test-postgres: setup-dev ## The same suite on a throwaway PostgreSQL cluster.
	$(RUN)/python -m cortesia.testing.postgres -- $(RUN)/pytest -q $(XDIST)

test-e2e: setup-dev ## Browser tests in Debian's Chromium.
	$(RUN)/pytest -q -m e2e tests/e2e

test-slow: setup-dev ## Tests that take minutes (a killed mail worker, the API fuzzed at length); not in make test.
	$(RUN)/pytest -q -m slow

fmt: setup-dev ## Format and fix what ruff can.
	$(RUN)/ruff format . && $(RUN)/ruff check --fix .

check: test ## Alias: exactly what CI runs.

clean: ## Remove the virtual environments (keeps var/ with your data).
	rm -rf $(VENV) $(TOOLS)
