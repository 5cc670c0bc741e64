"""Schedules (DESIGN §7): messages hourly, the warehouse daily, each audit at its thresholds.yaml cadence.

All ship STOPPED: an operator turns on what the deployment needs (README, "Schedules"). Cron times are
read in the reporting time zone, because "Monday 10:00" is the team's Monday morning; Dagster fixes a
schedule's time zone when the definitions load, so `reporting_timezone()` is called by definitions.py
then (never at import of this module) and the code server must run with the deployment's environment.
"""

from collections.abc import Mapping, Sequence
from datetime import UTC, timedelta
from typing import Protocol

import dagster as dg

from orchestration.jobs import build_marts_job, build_message_models_job, build_warehouse_job, land_messages_job
from orchestration.run_window import partition_range_tags
from quality.thresholds import load_thresholds

# Each cadence's cron (DESIGN §6): weekly audits on Monday 10:00, monthly ones on the 5th, daily ones each morning.
AUDIT_CRONS = {"daily": "0 10 * * *", "weekly": "0 10 * * 1", "monthly": "0 10 5 * *"}
STOPPED = dg.DefaultScheduleStatus.STOPPED


class NamedJob(Protocol):
    """A job as a schedule needs it: by name (dagster does not export the type `define_asset_job` returns)."""

    @property
    def name(self) -> str: ...


def audit_jobs(check_keys: Sequence[dg.AssetCheckKey]) -> dict[str, NamedJob]:
    """One check-only job per cadence, holding the checks whose audit has that cadence."""
    cadence = {name: audit.cadence for name, audit in load_thresholds().items()}
    jobs: dict[str, NamedJob] = {}
    for every in AUDIT_CRONS:
        keys = [key for key in check_keys if cadence.get(key.name) == every]
        if keys:
            jobs[every] = dg.define_asset_job(
                name=f"audits_{every}",
                selection=dg.AssetSelection.checks(*keys),
                description=f"Re-run the {every} audits against the warehouse as last built.",
            )
    return jobs


def todays_partition(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """Today's partition (UTC received day), every hour: the day's files keep arriving until midnight."""
    moment = context.scheduled_execution_time.astimezone(UTC)
    return dg.RunRequest(partition_key=moment.date().isoformat(), run_key=f"{moment:%Y-%m-%dT%H}")


def recent_days(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """The two days before today (reporting time zone) as one range run: yesterday is complete by morning, and the
    day before takes in the statuses, replies and UTC-filed webhooks that arrived after its own build."""
    today = context.scheduled_execution_time.date()
    return dg.RunRequest(
        run_key=today.isoformat(), tags=partition_range_tags(today - timedelta(days=2), today - timedelta(days=1))
    )


def build_schedules(timezone: str, jobs: Mapping[str, NamedJob]) -> list[dg.ScheduleDefinition]:
    """Every schedule of the code location, in `timezone`, STOPPED until an operator turns it on."""
    schedules: list[dg.ScheduleDefinition] = [
        dg.ScheduleDefinition(
            name="land_messages_hourly",
            job=land_messages_job,
            cron_schedule="5 * * * *",
            execution_fn=todays_partition,
            execution_timezone=timezone,
            default_status=STOPPED,
        ),
        dg.ScheduleDefinition(
            name="build_warehouse_daily",
            job=build_warehouse_job,
            cron_schedule="0 6 * * *",
            execution_timezone=timezone,
            default_status=STOPPED,
        ),
        dg.ScheduleDefinition(
            name="build_message_models_daily",
            job=build_message_models_job,
            cron_schedule="30 6 * * *",
            execution_fn=recent_days,
            execution_timezone=timezone,
            default_status=STOPPED,
        ),
        # After the message models' days: the warehouse pool queues it behind them if they run long.
        dg.ScheduleDefinition(
            name="build_marts_daily",
            job=build_marts_job,
            cron_schedule="0 7 * * *",
            execution_timezone=timezone,
            default_status=STOPPED,
        ),
    ]
    for every, job in jobs.items():
        schedules.append(
            dg.ScheduleDefinition(
                name=f"audits_{every}_schedule",
                job_name=job.name,
                cron_schedule=AUDIT_CRONS[every],
                execution_timezone=timezone,
                default_status=STOPPED,
            )
        )
    return schedules
