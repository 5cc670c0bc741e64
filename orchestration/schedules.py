"""Schedules (DESIGN §7): messages hourly, the warehouse daily, each audit at its thresholds.yaml cadence.

All ship STOPPED: an operator turns on what the deployment needs (README, "Schedules"). Cron times are
read in the reporting time zone, because "Monday 10:00" is the team's Monday morning; Dagster fixes a
schedule's time zone when the definitions load, so `reporting_timezone()` is called by definitions.py
then (never at import of this module) and the code server must run with the deployment's environment.
"""

from collections.abc import Callable, Mapping, Sequence
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


# The pipeline's own schedules: name, job, cron, and how a tick picks its partitions (None: the job's whole run).
PIPELINE_SCHEDULES: tuple[
    tuple[str, NamedJob, str, Callable[[dg.ScheduleEvaluationContext], dg.RunRequest] | None], ...
] = (
    ("land_messages_hourly", land_messages_job, "5 * * * *", todays_partition),
    ("build_warehouse_daily", build_warehouse_job, "0 6 * * *", None),
    ("build_message_models_daily", build_message_models_job, "30 6 * * *", recent_days),
    # After the message models' days: the warehouse pool queues it behind them if they run long.
    ("build_marts_daily", build_marts_job, "0 7 * * *", None),
)


def build_schedules(timezone: str, jobs: Mapping[str, NamedJob]) -> list[dg.ScheduleDefinition]:
    """Every schedule of the code location, in `timezone`, STOPPED until an operator turns it on."""
    audits = [(f"audits_{every}_schedule", job, AUDIT_CRONS[every], None) for every, job in jobs.items()]
    return [
        dg.ScheduleDefinition(
            name=name,
            job_name=job.name,
            cron_schedule=cron,
            execution_fn=execution_fn,
            execution_timezone=timezone,
            default_status=STOPPED,
        )
        for name, job, cron, execution_fn in [*PIPELINE_SCHEDULES, *audits]
    ]
