"""Schedules: every one registered STOPPED, audits at their thresholds.yaml cadence, landing today's partition."""

from datetime import UTC, datetime

import dagster as dg

from orchestration.definitions import defs
from orchestration.schedules import recent_days, todays_partition


def test_every_schedule_ships_stopped_at_its_cadence() -> None:
    schedules = {schedule.name: schedule for schedule in defs.schedules or []}
    assert {name: s.cron_schedule for name, s in schedules.items()} == {
        "land_messages_hourly": "5 * * * *",
        "build_warehouse_daily": "0 6 * * *",
        "build_message_models_daily": "30 6 * * *",
        "build_marts_daily": "0 7 * * *",
        "audits_daily_schedule": "0 10 * * *",
        "audits_weekly_schedule": "0 10 * * 1",
        "audits_monthly_schedule": "0 10 5 * *",
    }
    assert all(s.default_status is dg.DefaultScheduleStatus.STOPPED for s in schedules.values())


def test_the_hourly_landing_runs_the_current_day() -> None:
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 3, 12, 23, 5, tzinfo=UTC))
    request = todays_partition(context)
    assert request.partition_key == "2026-03-12"


def test_the_daily_message_build_rewrites_the_two_days_before_today() -> None:
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 3, 12, 6, 30, tzinfo=UTC))
    request = recent_days(context)
    assert request.partition_key_range == dg.PartitionKeyRange("2026-03-10", "2026-03-11")
