# Lantern: `make run` serves the demo site on http://127.0.0.1:8000, `make test` runs every test.
# Both create the virtual environment and install the pinned dependencies on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
LANGS := -l lv -l en -l ru -l uk
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install install-test install-bench run serve migrate demo test test-fast lint format \
	messages compilemessages check lock browser gettext clean bench bench-chat bench-pages \
	bench-report bench-console bench-challenge bench-db wrk

help:
	@echo "make run      install, migrate, load the demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test     install what the tests need and run them all"
	@echo "make lint     ruff check and format check"
	@echo "make typecheck  mypy (with django-stubs) over site/ and chat/"
	@echo "make format   ruff format and fix imports"
	@echo "make messages update the gettext catalogues in locales/"
	@echo "make check    Django system checks, migrations check, deploy check"
	@echo "make lock     re-pin requirements/*.txt from pyproject.toml"
	@echo "make bench    chat and page benchmarks on PostgreSQL + Redis -> docs/performance.md"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements/base.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

# The benchmark app's own dependencies (the `bench` extra), for `make bench*`.
$(VENV)/.installed-bench: $(VENV)/.installed requirements/bench.txt
	$(BIN)/pip install --quiet -r requirements/bench.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

install-bench: $(VENV)/.installed-bench

# gettext's msgfmt compiles the catalogues; Debian's chromium runs the browser tests.
# Both come from the system's package manager when missing (root only).
gettext:
	@command -v msgfmt >/dev/null || { \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; } || \
	  { echo "gettext (msgfmt) is missing: install it with your package manager"; exit 1; }

browser:
	@test -x "$(CHROMIUM)" || { \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
	  { echo "Chromium is missing at $(CHROMIUM): install Debian's chromium package"; exit 1; }

compilemessages: install gettext
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --verbosity 0

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content --figures

run: compilemessages demo
	DJANGO_SETTINGS_MODULE=lantern.settings.dev \
	  $(BIN)/python -m lantern.serve --bind $(HOST) --port $(PORT) lantern.asgi:application

test: install-test compilemessages browser
	$(BIN)/pytest

test-fast: install-test compilemessages
	$(BIN)/pytest -m "not browser"

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs' plugin (settings: [tool.mypy] in pyproject.toml). mypy can't follow
# the editable install's mapping of site/ to `lantern`: it reads site/ through a link named
# lantern (so errors in site/ are reported as var/typecheck/lantern/...).
.PHONY: typecheck
typecheck: install-test
	@mkdir -p var/typecheck && ln -sfn ../../site var/typecheck/lantern
	$(BIN)/mypy

format: install-test
	$(BIN)/ruff check --fix --select I .
	$(BIN)/ruff format .

messages: install gettext
	$(BIN)/python manage.py makemessages $(LANGS) --ignore=.venv --ignore=tests --ignore=var --no-obsolete
	$(BIN)/python manage.py makemessages -d djangojs $(LANGS) --ignore=.venv --ignore=tests --ignore=var --no-obsolete

check: install-test
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  LANTERN_WITHDRAWAL_CODE_KEYS="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
	  LANTERN_DATA_KEY="$$($(BIN)/python -c 'import base64, secrets; print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())')" \
	  ALLOWED_HOSTS=lantern.example.org LANTERN_TRUSTED_PROXIES=127.0.0.1 \
	  DJANGO_SETTINGS_MODULE=lantern.settings.production \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-header --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra test -o requirements/test.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-header --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra bench -o requirements/bench.txt pyproject.toml

# --- Benchmarks (docs/performance.md) ------------------------------------------------------
# `make bench` re-measures everything against this machine's PostgreSQL and Redis, with one
# daphne process, and rewrites docs/bench/*.json, docs/bench/growth.svg and the figures in
# docs/performance.md. 9 to 20 minutes, by host. Its own database and Redis db; ports 8100-8101.
# The benchmark is an app of its own (chat/bench/), installed only by its settings
# (DJANGO_SETTINGS_MODULE=chat.bench.settings below), with its dependencies (the `bench` extra).
BENCH_DB ?= lantern_bench
PGHOST ?= 127.0.0.1
PGUSER ?= postgres
BENCH_DATABASE_URL ?= postgres://$(PGUSER)@$(PGHOST):5432/$(BENCH_DB)
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/5
BENCH_ENV := DJANGO_SETTINGS_MODULE=chat.bench.settings DATABASE_URL=$(BENCH_DATABASE_URL) \
	REDIS_URL=$(BENCH_REDIS_URL) DATABASE_CONN_MAX_AGE=0 CHANNEL_LAYER_PREFIX=lantern-bench \
	CACHE_KEY_PREFIX=lantern-bench LOG_LEVEL=WARNING
BENCH_CHAT_ARGS ?= --growth 50,100,200,400 --messages 15 --rate 1 --saturation --idle 2000

wrk:
	@command -v wrk >/dev/null || { \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } || \
	  { echo "wrk is missing: install Debian's wrk package"; exit 1; }

bench-db: install-bench compilemessages
	@psql -h $(PGHOST) -U $(PGUSER) -tAc "SELECT 1 FROM pg_database WHERE datname='$(BENCH_DB)'" \
	  | grep -q 1 || createdb -h $(PGHOST) -U $(PGUSER) $(BENCH_DB)
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) $(BIN)/python manage.py load_demo_content --no-staff --verbosity 0

bench-chat: bench-db
	$(BENCH_ENV) $(BIN)/python manage.py chat_loadtest --start-server --port 8100 \
	  $(BENCH_CHAT_ARGS) --json docs/bench/chat.json --svg docs/bench/growth.svg

bench-pages: bench-db wrk
	$(BENCH_ENV) $(BIN)/python manage.py page_benchmark --start-server --port 8101 \
	  --json docs/bench/pages.json

bench-report: install-bench
	$(BENCH_ENV) $(BIN)/python manage.py bench_report

bench: bench-chat bench-pages
	$(MAKE) bench-report

# The operator console through a day's shift (10 conversations of 200 messages) in Chromium:
# time to be ready, to switch conversation and to show a new message (docs/performance.md).
bench-console: install-test compilemessages browser
	$(BIN)/pytest tests/e2e/bench_console.py -p no:cacheprovider -q -s

# The proof of work before a start: a visitor's start on a 4x slower CPU at each level, and
# how long this machine needs to fill the queue (docs/performance.md). About 5 minutes.
bench-challenge: install-test compilemessages browser
	$(BIN)/pytest tests/e2e/bench_challenge.py -p no:cacheprovider -q -s

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache
