"""The dbt vars of a partitioned run: the window of reporting-timezone days a dbt build rewrites.

Pure date logic, unit-tested: the message-derived dbt models replace exactly the days between `min_date` and
`max_date` (dbt_project/macros/partition_window.sql), so these must be the partition keys' own days.
"""

import json
from datetime import date, timedelta

import dagster as dg


def window_vars(first_day: date, last_day: date) -> dict[str, str]:
    """`min_date` / `max_date` for the inclusive range of days `first_day` … `last_day`."""
    if last_day < first_day:
        raise ValueError(f"window ends ({last_day}) before it starts ({first_day})")
    return {"min_date": first_day.isoformat(), "max_date": last_day.isoformat()}


def partition_window_vars(window: dg.TimeWindow) -> dict[str, str]:
    """The window vars of a daily partition (range): Dagster's time window ends at the next day's midnight, exclusive.

    Its datetimes are in the partitions' time zone, so their dates are the reporting-timezone days dbt cuts by.
    """
    return window_vars(window.start.date(), window.end.date() - timedelta(days=1))


def dbt_vars_args(variables: dict[str, str]) -> list[str]:
    """The `--vars` arguments of a dbt command line (JSON, which dbt reads as YAML, keeps dates as strings)."""
    return ["--vars", json.dumps(variables, sort_keys=True)]
