# Kooperationsraum: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
CONSTRAINTS := requirements/constraints.txt
# Test processes for the suite without browser tests (pytest-xdist): one per core by default.
WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help run test test-fast test-e2e lint format check demo worker serve-prod messages lock clean-index

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	@echo "→ Lege die virtuelle Umgebung in $(VENV) an (Python: $(PYTHON))"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Kooperationsraum braucht Python 3.11.")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: $(VENV)/bin/python pyproject.toml $(CONSTRAINTS)
	@echo "→ Installiere die Abhängigkeiten (festgelegte Versionen)"
	$(PIP) install --quiet -c $(CONSTRAINTS) .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-run
	@echo "→ Installiere die Test- und Entwicklungswerkzeuge"
	$(PIP) install --quiet -c $(CONSTRAINTS) ".[dev]"
	@touch $@

var/.demo-loaded: | $(VENV)/.installed-run
	$(MANAGE) load_demo_data --no-logins
	@touch $@

# Absolute links (feeds, e-mails, sitemap, calendar) point at the address the site is served on.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed-run ## Install, migrate, load the demo site once, start site and task worker
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) ensure_search_index
	@$(MAKE) --no-print-directory var/.demo-loaded
	$(MANAGE) set_site_address
	@echo
	@echo "  Website:      http://$(HOST):$(PORT)/        (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Redaktion:    http://$(HOST):$(PORT)/admin/"
	@$(MANAGE) load_demo_data --print-logins
	@echo "  E-Mails (z. B. Bestätigungslinks) erscheinen hier in der Konsole. Beenden mit Strg+C."
	@echo
	@trap 'kill 0' EXIT; $(MANAGE) db_worker --interval 1 & $(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev ## Install the test tools and run the whole suite (browser tests need /usr/bin/chromium)
	$(VENV)/bin/pytest --ignore=tests/e2e -n $(WORKERS)
	$(VENV)/bin/pytest tests/e2e

test-fast: $(VENV)/.installed-dev ## Run the suite without browser tests
	$(VENV)/bin/pytest --ignore=tests/e2e -n $(WORKERS)

test-e2e: $(VENV)/.installed-dev ## Run only the browser tests (in a process of their own)
	$(VENV)/bin/pytest tests/e2e

check: $(VENV)/.installed-dev ## Django checks, migrations check and lint, as CI runs them
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

lint: $(VENV)/.installed-dev ## ruff lint and djhtml check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: $(VENV)/.installed-dev ## Format Python (ruff) and templates (djhtml)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

demo: $(VENV)/.installed-run ## (Re)build the demo content; idempotent
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	@mkdir -p var && touch var/.demo-loaded

worker: $(VENV)/.installed-run ## Run the background task worker (index writes, e-mail)
	$(MANAGE) db_worker

serve-prod: $(VENV)/.installed-run ## Production server: gunicorn with production settings (needs the env of .env.example)
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) collectstatic --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers 5 --access-logfile -

messages: $(VENV)/.installed-run ## Extract and compile translations (needs GNU gettext)
	$(MANAGE) makemessages -l de -l en --ignore=.venv --ignore=var --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

lock: $(VENV)/.installed-dev ## Rewrite the constraints file from the current environment
	$(PIP) freeze --exclude kooperationsraum | grep -v '^-e ' > $(CONSTRAINTS)
