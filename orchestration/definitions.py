"""The code location: every asset, check, job and resource of wa-crm-analytics, in one place."""

import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt_models import dbt_models
from orchestration.assets.identifiers import contact_identifiers
from orchestration.assets.publish import published_marts
from orchestration.assets.raw_amocrm import amocrm_raw
from orchestration.assets.raw_backup import backup_completeness, raw_backup
from orchestration.assets.raw_chatwoot import chatwoot_raw
from orchestration.assets.raw_csv_contacts import csv_contacts
from orchestration.assets.raw_hubspot import hubspot_contacts, hubspot_deals, hubspot_pipelines
from orchestration.assets.raw_whatsapp import whatsapp_webhook_events
from orchestration.checks import audit_checks, audit_history
from orchestration.dbt_project import dbt_project
from orchestration.jobs import (
    build_marts_job,
    build_message_models_job,
    build_warehouse_job,
    land_messages_job,
    publish_job,
)
from orchestration.partitions import reporting_timezone
from orchestration.resources import build_resources
from orchestration.schedules import audit_jobs, build_schedules
from orchestration.sensors import alert_sensors

# The dbt installed beside this interpreter (the project's venv), whether or not it is on PATH.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

ASSET_CHECKS = [*audit_checks, backup_completeness]
AUDIT_JOBS = audit_jobs([spec.key for check in ASSET_CHECKS for spec in check.check_specs])

defs = dg.Definitions(
    assets=[
        whatsapp_webhook_events,
        hubspot_contacts,
        hubspot_deals,
        hubspot_pipelines,
        amocrm_raw,
        chatwoot_raw,
        csv_contacts,
        contact_identifiers,
        *dbt_models,
        raw_backup,
        audit_history,
        published_marts,
    ],
    asset_checks=ASSET_CHECKS,
    jobs=[
        land_messages_job,
        build_warehouse_job,
        build_message_models_job,
        build_marts_job,
        publish_job,
        *AUDIT_JOBS.values(),
    ],
    schedules=build_schedules(reporting_timezone(), AUDIT_JOBS),
    sensors=alert_sensors,
    resources={**build_resources(), "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)},
    # DuckDB takes one writer: steps run one after another in the run's own process.
    executor=dg.in_process_executor,
)
