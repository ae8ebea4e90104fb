# Koers — the commands the README names. Only Python 3.11+ is needed on the machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
DEMO_SIZE ?= 400
export PYTHONPATH := src

.PHONY: demo install test lint api-lint openapi e2e unit totp bench bench-pages bench-api bench-imports static messages

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) pip install --quiet --python $(PY) -r requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

install: $(VENV)/.installed

# npm packages for the API lint (Spectral); node_modules is not committed. A missing npm makes this fail.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## make demo: install, migrate an embedded SQLite database, load demo data, serve on http://127.0.0.1:8000
demo: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=koers.conf.dev $(PY) manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=koers.conf.dev $(PY) manage.py seed_demo --size $(DEMO_SIZE)
	@echo ""
	@echo "Koers draait op http://127.0.0.1:8000  (stoppen met Ctrl+C)"
	DJANGO_SETTINGS_MODULE=koers.conf.dev $(PY) manage.py runserver 127.0.0.1:8000

totp: install
	@DJANGO_SETTINGS_MODULE=koers.conf.dev $(PY) manage.py totp $(GEBRUIKER)

## make test: install, lint, API lint, and run the whole suite (unit + browser). DATABASE_URL=postgres://… runs on PostgreSQL.
test: install lint api-lint unit e2e

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	DJANGO_SETTINGS_MODULE=koers.conf.ci $(PY) manage.py makemigrations --check --dry-run -v0

## make api-lint: api/openapi.yaml matches the code (drift check) and passes the API Design Rules (api/spectral.yaml)
api-lint: install node_modules/.installed
	bin/check-api

## make openapi: regenerate the committed OpenAPI document after changing the API
openapi: install
	DATABASE_URL=postgres://openapi@127.0.0.1:1/niet-verbonden DJANGO_SETTINGS_MODULE=koers.conf.ci \
		$(PY) manage.py spectacular --file api/openapi.yaml --validate

## make unit: in random order (pytest-randomly; repeat the last order with --randomly-seed=last),
## with coverage of src/koers (pytest-cov; HTML report in var/coverage/)
unit: install
	$(VENV)/bin/pytest -n 2 -m "not e2e" -q --cov=koers --cov-report=term:skip-covered --cov-report=html:var/coverage

e2e: install
	bin/ensure-chromium
	$(VENV)/bin/pytest -n 2 -m e2e -q -p no:randomly

## make bench: p50/p95 of the caseload, dossier page and worklist, then the API (bench-api), on the database in DATABASE_URL
## (first: DATABASE_URL=postgres://… python manage.py seed_demo --size 100000)
bench: bench-pages bench-api bench-imports

bench-pages: install
	$(PY) bench/pages.py --runs 200

## make bench-api: p50/p95/p99 and query counts of the REST API's list and detail reads (session and token callers)
bench-api: install
	$(PY) bench/api.py --runs 200

## make bench-imports: time to import 10,000 generated COA profiles (adds them to the database; runs last in bench)
bench-imports: install
	$(PY) bench/imports.py --aantal 10000

static:
	bin/build-static

## make messages: extract Dutch source strings and compile the English catalogue (see docs/i18n.md)
messages: install
	DJANGO_SETTINGS_MODULE=koers.conf.dev $(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=tests
	cd src/koers && ../../$(PY) ../../manage.py compilemessages -l en
