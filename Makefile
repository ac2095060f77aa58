# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
IGNORE := --ignore .venv --ignore node_modules

.PHONY: demo test system install messages lint bench bench-pages load clean

## demo: install what is missing, migrate, seed demo data, serve on http://127.0.0.1:8000
demo: SYSTEM_DEPS_ARGS = --demo
demo: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

## test: ruff, migrations check, translations check, pytest on PostgreSQL + Redis + Celery + Chromium
test: install messages lint
	bash scripts/services.sh run -- $(BIN)/python -m pytest $(PYTEST_ARGS)

system:
	bash scripts/system-deps.sh $(SYSTEM_DEPS_ARGS)

install: system $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	$(MANAGE) compilemessages -l ru $(IGNORE) -v0

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	bash scripts/check-messages.sh

clean:
	rm -rf $(VENV) node_modules staticfiles test-artifacts db.sqlite3

$(VENV)/.bench-installed: requirements-bench.txt $(VENV)/.installed
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-bench.txt
	touch $@

## load: locust, 50 mixed users for 3 minutes against gunicorn on 127.0.0.1 (results in bench/results/)
load: SYSTEM_DEPS_ARGS = --bench
load: install messages $(VENV)/.bench-installed
	bash scripts/services.sh run -- $(BIN)/python bench/load.py

## bench: PostgreSQL at 1,000 and 10,000 initiatives, gunicorn + wrk, the pretalx peer; table in bench/results/
bench: SYSTEM_DEPS_ARGS = --bench
bench: install messages
	bash scripts/services.sh run -- $(BIN)/python bench/bench.py
	test "$${BENCH_PAGES:-1}" = 0 || bash scripts/services.sh run -- $(BIN)/python bench/pages.py

## bench-pages: every page by every role at 1,000 and 10,000 initiatives (bench/results/pages.md)
bench-pages: SYSTEM_DEPS_ARGS = --bench
bench-pages: install messages
	bash scripts/services.sh run -- $(BIN)/python bench/pages.py
