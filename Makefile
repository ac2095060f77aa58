# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
IGNORE := --ignore .venv --ignore node_modules

.PHONY: demo test system install messages lint bench bench-pages load clean lock upgrade

## demo: install what is missing, migrate, seed demo data, serve on http://127.0.0.1:8000
demo: SYSTEM_DEPS_ARGS = --demo
# the demo's office accounts sign in without the second factor (refused unless DEBUG is on)
demo: export OTP_EXEMPT_DEMO = 1
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

# Installs come from the lock files only: exact versions, every file checked by its hash.
$(VENV)/.installed: requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

# requirements*.txt name what the portal needs (lower bounds); requirements*.lock pin all of it,
# dependencies included, for Python 3.11 on every platform (uv: one fast tool that writes
# pip-compatible files, so installs need nothing but pip).
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11

## lock: write the lock files again after requirements*.txt changed, keeping every pin it can
lock: $(VENV)/.installed
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -c requirements.lock -o requirements-dev.lock
	$(LOCK) requirements-bench.txt -c requirements-dev.lock -o requirements-bench.lock

## upgrade: the newest versions requirements*.txt allow, locked and installed; then run make test
upgrade: $(VENV)/.installed
	$(LOCK) --upgrade requirements.txt -o requirements.lock
	$(LOCK) --upgrade requirements-dev.txt -c requirements.lock -o requirements-dev.lock
	$(LOCK) --upgrade requirements-bench.txt -c requirements-dev.lock -o requirements-bench.lock
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $(VENV)/.installed

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

$(VENV)/.bench-installed: requirements-bench.lock $(VENV)/.installed
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes -r requirements-bench.lock
	touch $@

## load: locust, 50 mixed users for 3 minutes against gunicorn on 127.0.0.1 (results in bench/results/)
load: SYSTEM_DEPS_ARGS = --bench
load: install messages $(VENV)/.bench-installed
	bash scripts/services.sh run -- $(BIN)/python bench/load.py

## bench: PostgreSQL at 1,000 and 10,000 initiatives, gunicorn + wrk, the pretalx peer; table in bench/results/
bench: SYSTEM_DEPS_ARGS = --bench
bench: install messages $(VENV)/.bench-installed
	bash scripts/services.sh run -- $(BIN)/python bench/bench.py
	test "$${BENCH_PAGES:-1}" = 0 || bash scripts/services.sh run -- $(BIN)/python bench/pages.py

## bench-pages: every page by every role at 1,000 and 10,000 initiatives (bench/results/pages.md)
bench-pages: SYSTEM_DEPS_ARGS = --bench
bench-pages: install messages $(VENV)/.bench-installed
	bash scripts/services.sh run -- $(BIN)/python bench/pages.py
