# bargaining: `make run` serves the demo, `make test` runs everything on SQLite and PostgreSQL.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FLASK := $(VENV)/bin/flask --app wsgi
PORT ?= 8000
HOST ?= 127.0.0.1
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
SMTP_PORT ?= 8025
STAMP := $(VENV)/.installed

.PHONY: run setup system-deps db demo test test-sqlite test-postgres lint typecheck openapi bench soak clean

# Debian packages the app and the tests use: headless Chromium (every PDF, and the members' page
# tests), DejaVu (the PDFs' fonts), Tesseract (scanned contracts), LibreOffice (the DOCX check),
# libmagic (what an upload really is).
SYSTEM_PACKAGES := chromium fonts-dejavu-core tesseract-ocr tesseract-ocr-eng libreoffice-writer-nogui libmagic1
# The local PostgreSQL's RUM index (search ranks in the index; without it, migration 0014 keeps GIN).
PG_MAJOR := $(firstword $(shell ls /etc/postgresql 2>/dev/null))
ifneq ($(PG_MAJOR),)
SYSTEM_PACKAGES += postgresql-$(PG_MAJOR)-rum
endif

$(STAMP): setup.cfg pyproject.toml requirements.lock
	@echo "installing into $(VENV) (pinned by requirements.lock; a minute or two the first time)"
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PIP) install -q --disable-pip-version-check --upgrade pip
	@$(PIP) install -q --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

instance:
	@mkdir -p instance

db: setup instance
	@$(FLASK) init-db

demo: db
	@$(FLASK) load-demo --tokens-file instance/demo-tokens.json
	@$(PY) scripts/show_demo_tokens.py instance/demo-tokens.json $(HOST) $(PORT)

# Beside gunicorn: a local SMTP server keeping every email in instance/mail (a Maildir) and the
# outbox's delivery worker (webhooks, emails, digests); both stop with gunicorn.
run: system-deps demo
	@export BARGAINING_SMTP_PORT=$(SMTP_PORT) BARGAINING_PUBLIC_URL=http://$(HOST):$(PORT) \
	  BARGAINING_WEBHOOK_ALLOW_PRIVATE=$${BARGAINING_WEBHOOK_ALLOW_PRIVATE:-1}; \
	$(FLASK) mail-sink --host 127.0.0.1 --port $(SMTP_PORT) --maildir instance/mail & sink=$$!; \
	$(FLASK) deliver & worker=$$!; \
	trap 'kill $$sink $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) wsgi:app

test: setup system-deps lint typecheck test-sqlite test-postgres

test-sqlite: setup
	BARGAINING_TEST_DB=sqlite $(VENV)/bin/pytest -n 2 -p no:cacheprovider

test-postgres: setup
	BARGAINING_TEST_DB=postgresql BARGAINING_TEST_PG=$(PG_URL) $(VENV)/bin/pytest -n 2 -p no:cacheprovider

lint: setup
	$(VENV)/bin/ruff check bargaining schemas tests scripts wsgi.py

typecheck: setup
	$(VENV)/bin/mypy

openapi: setup
	$(FLASK) openapi write --format=json openapi.json

bench: setup
	@command -v wrk >/dev/null 2>&1 || { echo "installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) scripts/bench.py --duration 2 --scale-repeat 3

soak: setup
	$(PY) scripts/soak.py --seconds 600 --out bench/results/soak.json

clean:
	rm -rf $(VENV) instance/*.db
