# wa-crm-analytics: every command an operator or a developer needs. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

DATA_DIR ?= $(CURDIR)/data
# Settings from .env when present (see .env.example); the defaults below serve the demo.
-include .env
# Make reads .env as its own variables, which no command sees; exported, a token set there reaches `make run`.
# Empty values are left out, so a source left blank stays unconfigured.
# (A bare `export` would export every variable, hence the guard when .env is absent or all blank.)
ENV_FILE_VARIABLES := $(shell sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=..*/\1/p' .env 2>/dev/null)
ifneq ($(ENV_FILE_VARIABLES),)
export $(ENV_FILE_VARIABLES)
endif
export DAGSTER_HOME ?= $(DATA_DIR)/dagster_home
export WAREHOUSE_PATH ?= $(DATA_DIR)/warehouse.duckdb
export LANDING_DIR ?= $(DATA_DIR)/demo/landing
export PUBLISH_DIR ?= $(DATA_DIR)/published
export BACKUP_DIR ?= $(DATA_DIR)/backups
export REPORTING_TIMEZONE ?= UTC
# dbt runs inside dbt_project/, so every path is made absolute before anything reads it.
override DAGSTER_HOME := $(abspath $(DAGSTER_HOME))
override WAREHOUSE_PATH := $(abspath $(WAREHOUSE_PATH))
override LANDING_DIR := $(abspath $(LANDING_DIR))
override PUBLISH_DIR := $(abspath $(PUBLISH_DIR))
override BACKUP_DIR := $(abspath $(BACKUP_DIR))
export GX_ANALYTICS_ENABLED := false
# A range run plans one event per asset, not one per asset and day (each a write to Dagster's SQLite event log):
# minutes saved on a year's range of message models. Trade-off: a failed range run does not mark its days failed.
export DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS ?= true
# The demo's salt is public, so keys made with it are not secret: demo and dev data only.
DEMO_SALT := demo-salt-not-a-secret

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --frozen

.PHONY: help install manifest demo test dev run receiver lint instance bench bench-engines

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

install:  ## install Python and every dependency from uv.lock into .venv, and dbt-spark into deploy/spark/.venv (bootstraps uv with pip)
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --quiet --compile-bytecode
	$(UV) sync --frozen --quiet --project deploy/spark

instance: $(DAGSTER_HOME)/dagster.yaml

$(DAGSTER_HOME)/dagster.yaml: deploy/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp deploy/dagster.yaml $@

manifest: install  ## parse the dbt project so Dagster can load its assets
	cd dbt_project && $(RUN) dbt parse --quiet --profiles-dir . --project-dir .

# The demo business's size: 1 is about 5,000 contacts and 200,000 messages; 0.1 a tenth of that.
SCALE ?= 1
demo: export PII_HASH_SALT := $(or $(PII_HASH_SALT),$(DEMO_SALT))
demo: manifest instance  ## generate the demo business, serve it on 127.0.0.1, run the whole pipeline (SCALE=1)
	$(RUN) python -m demo run --data-dir $(DATA_DIR)/demo --scale $(SCALE)

test: manifest  ## install what the tests need and run them all
	$(RUN) ruff check .
	$(RUN) pytest

dev: export PII_HASH_SALT := $(or $(PII_HASH_SALT),$(DEMO_SALT))
dev: manifest instance  ## the Dagster UI on http://127.0.0.1:3000 over the same warehouse
	$(RUN) dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

run: manifest instance  ## one full run against the sources configured in the environment
	$(RUN) python -m orchestration.run

receiver: install  ## the WhatsApp webhook receiver on 127.0.0.1:8088 (needs WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN)
	$(RUN) python -m ingestion.webhook_receiver --host 127.0.0.1 --port 8088

lint:  ## ruff
	$(RUN) ruff check .
	$(RUN) ruff format --check .

.PHONY: graph-screenshot
graph-screenshot: manifest  ## PNG of the asset graph (real webserver, headless Chromium) at data/asset-graph.png
	GRAPH_SCREENSHOT_DIR=$(DATA_DIR) $(RUN) pytest -q -p no:cacheprovider tests/e2e/test_dagster_ui.py -k screenshot

MESSAGES ?= 1000000
REPEAT ?= 3
bench: manifest  ## time the pipeline against the floor on a generated business (MESSAGES=1000000 REPEAT=3)
	$(RUN) python -m bench --messages $(MESSAGES) --repeat $(REPEAT)

bench-engines: manifest  ## the same dbt models timed on DuckDB and on Spark (ENGINE_MESSAGES=20000 REPEAT=3; needs Java 17)
	$(RUN) python -m bench.engines --messages $(or $(ENGINE_MESSAGES),20000) --repeat $(REPEAT)
