# The front door. `make run` serves the portal with demo data; `make test` runs
# every test. Both set up what is missing (venv, PostgreSQL, Chromium) first.
SHELL := /bin/bash
PY := .venv/bin/python
MANAGE := $(PY) manage.py
export DJANGO_SETTINGS_MODULE ?= cpdd_portal.settings.dev

# Without DATABASE_URL, the project's own PostgreSQL cluster (scripts/localdb.sh).
export CPDD_PGPORT ?= 54329
ifndef DATABASE_URL
LOCAL_DB := 1
export DATABASE_URL := postgres://postgres@127.0.0.1:$(CPDD_PGPORT)/cpdd
endif

.PHONY: run test test-deploy bench setup venv db browser proxy lint format messages stop-db check-deploy totp lock

venv:
	@scripts/venv.sh requirements-dev.lock

# Every package, transitive ones included, pinned with its hashes, for any
# platform on Python 3.12: requirements.lock (the image) from requirements.txt,
# requirements-dev.lock (make, CI) from requirements-dev.txt with the same
# runtime versions. Run after changing requirements*.txt; UV_OFFLINE=1 resolves
# from uv's cache alone.
UV_COMPILE = .venv/bin/uv pip compile --quiet --generate-hashes --universal \
	--python-version 3.12 --custom-compile-command "make lock"
lock: venv
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt --constraint requirements.lock -o requirements-dev.lock

db:
ifdef LOCAL_DB
	@scripts/localdb.sh start
endif

browser:
	@scripts/apt.sh chromium fonts-khmeros

# What tests/deploy/ runs natively in place of compose's containers.
proxy:
	@scripts/apt.sh caddy

setup: venv db
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data

# The worker (mail, periodic jobs) runs beside runserver and stops with it.
run: setup
	@$(MANAGE) db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(MANAGE) runserver 127.0.0.1:8000

totp: venv
	@$(MANAGE) demo_totp

test: venv db browser proxy lint
	DJANGO_SETTINGS_MODULE=cpdd_portal.settings.test $(PY) -m pytest

# The production topology only (also part of `make test`): Caddy with
# deploy/Caddyfile in front of gunicorn with production settings.
test-deploy: venv db proxy
	DJANGO_SETTINGS_MODULE=cpdd_portal.settings.test $(PY) -m pytest tests/deploy

bench: venv db
	@scripts/apt.sh wrk
	$(PY) -m bench $(BENCH_ARGS)

# django-upgrade rewrites what it would change, then fails (as in pre-commit).
lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	git ls-files -z '*.py' | xargs -0 .venv/bin/django-upgrade --target-version 6.1
	DJANGO_SETTINGS_MODULE=cpdd_portal.settings.test $(MANAGE) makemigrations --check --dry-run

format: venv
	git ls-files -z '*.py' | xargs -0 .venv/bin/django-upgrade --target-version 6.1 || true
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: venv
	$(MANAGE) makemessages -l km --ignore=.venv --ignore=staticfiles --ignore=tests
	$(MANAGE) compilemessages -l km --ignore=.venv

check-deploy: venv
	DJANGO_SETTINGS_MODULE=cpdd_portal.settings.prod SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=cpdd.example.org SMTP_HOST=smtp.example.org \
	  DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:54329/cpdd} \
	  $(MANAGE) check --deploy --fail-level WARNING

stop-db:
	@scripts/localdb.sh stop
