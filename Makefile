# The two set-up commands are `make run` and `make test`; each prepares its own virtualenv.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/rwc
# make run PORT=8123 HOST=0.0.0.0: where the server listens; the links it prints follow (PUBLIC_BASE_URL)
PORT ?= 8000
HOST ?= 127.0.0.1
PUBLIC_BASE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)

.PHONY: run test lint venv migrate seed openapi lint-openapi worker bench resilience clean messages oidc-provider

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" 2>/dev/null || { echo "Python 3.11 is needed: make PYTHON=/path/to/python3.11 ..."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## run: migrate, load the demo data, start a worker with beat and serve on http://$(HOST):$(PORT) (SQLite unless DATABASE_URL)
run: export PUBLIC_BASE_URL := $(PUBLIC_BASE_URL)
run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	mkdir -p var/engine
	$(PY) -m celery -A rwc worker --beat --schedule var/engine/celerybeat-schedule --pool threads --concurrency 4 \
	    --loglevel INFO & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## worker: a Celery worker with an embedded beat alone (webhook deliveries, referral expiry, key clean-up, retention)
worker: venv
	mkdir -p var/engine
	$(PY) -m celery -A rwc worker --beat --schedule var/engine/celerybeat-schedule --pool threads --concurrency 4 --loglevel INFO

## test: the whole suite against PostgreSQL (DATABASE_URL, else 127.0.0.1:5432)
test: venv
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m tests.require_postgres
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m pytest $(PYTEST_ARGS)

## lint: ruff (pyflakes, pycodestyle, import order) and the layer contracts of pyproject.toml (import-linter)
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## bench: load-test the service under gunicorn on BENCH_DATABASE_URL (default: rwc_gen, from generate_dataset)
bench: venv
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m bench.run $(BENCH_ARGS)

## resilience: faults under load, a webhook receiver down for 5 minutes, a 10-minute soak (SCENARIO=faults|webhooks|soak|all)
resilience: venv
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m bench.resilience $${SCENARIO:-all} $(BENCH_ARGS)

## openapi: write the OpenAPI document to openapi.json
openapi: venv
	$(PY) manage.py spectacular --file openapi.json --format openapi-json --validate --fail-on-warn

## lint-openapi: Spectral with both NL GOV ADR rulesets, and openapi-spec-validator
lint-openapi: openapi
	bash .ci/lint-openapi openapi.json

## oidc-provider: a local OpenID provider on :$(OIDC_PROVIDER_PORT) to try single sign-on against `make run` (README "Signing in")
OIDC_PROVIDER_PORT ?= 8001
oidc-provider: venv
	$(PY) -m accounts.devprovider --port $(OIDC_PROVIDER_PORT) --client-id rwc-dev --client-secret rwc-dev-secret \
	  --redirect-uri $(PUBLIC_BASE_URL)/signin/oidc/callback \
	  --person 'midden-rmt-counsellor:rwc-demo-2026!:midden-rmt-counsellor@rwc.example.nl:pwd,mfa' \
	  --person 'midden-manager:rwc-demo-2026!:midden-manager@rwc.example.nl:pwd'

## messages: collect the texts marked for translation into each app's Dutch catalogue, then compile them
# Babel (pure Python, in the dev extra), so no GNU gettext is needed. New texts arrive with an empty
# msgstr: translate them in <app>/locale/nl/LC_MESSAGES/django.po and run it again (tests/test_translations.py
# fails while one is empty, fuzzy, or its .mo is stale). Keep the keywords in step with that test.
LOCALE_APPS := rwc clients cases employers referrals worklist reports api
BABEL_KEYWORDS := -k _ -k gettext_lazy -k gettext -k gettext_noop -k pgettext_lazy:1c,2 -k ngettext_lazy:1,2
messages: venv
	set -e; for app in $(LOCALE_APPS); do \
	  pot=$$(mktemp); \
	  $(VENV)/bin/pybabel -q extract --no-location --sort-output --no-wrap --ignore-dirs='.* ._ migrations' \
	    $(BABEL_KEYWORDS) -o $$pot $$app; \
	  $(VENV)/bin/pybabel -q update --init-missing --no-fuzzy-matching --ignore-obsolete --no-wrap --ignore-pot-creation-date \
	    -D django -l nl -i $$pot -d $$app/locale; \
	  rm -f $$pot; \
	  $(VENV)/bin/pybabel compile --statistics -D django -l nl -d $$app/locale; \
	done
	$(PY) -c "import glob, polib; [polib.pofile(p).save_as_mofile(p[:-2] + 'mo') for p in glob.glob('locale/*/LC_MESSAGES/*.po')]"

clean:
	rm -rf $(VENV) .tools var/*.sqlite3 openapi.json
