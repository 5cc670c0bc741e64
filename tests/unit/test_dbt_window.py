from datetime import date, datetime
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from orchestration.dbt_window import dbt_vars_args, partition_window_vars, window_vars


def test_window_vars_are_the_inclusive_days() -> None:
    assert window_vars(date(2026, 3, 1), date(2026, 3, 31)) == {"min_date": "2026-03-01", "max_date": "2026-03-31"}
    with pytest.raises(ValueError, match="before it starts"):
        window_vars(date(2026, 3, 2), date(2026, 3, 1))


def test_one_daily_partition_is_a_one_day_window() -> None:
    partitions = dg.DailyPartitionsDefinition(start_date="2026-01-01")
    window = partitions.time_window_for_partition_key("2026-03-12")
    assert partition_window_vars(window) == {"min_date": "2026-03-12", "max_date": "2026-03-12"}


def test_a_partition_range_in_a_reporting_timezone_keeps_its_local_days() -> None:
    # 29 March 2026 is 23 hours long in Berlin: the window still ends on the range's last local day.
    partitions = dg.DailyPartitionsDefinition(start_date="2026-01-01", timezone="Europe/Berlin")
    first = partitions.time_window_for_partition_key("2026-03-28")
    last = partitions.time_window_for_partition_key("2026-03-30")
    window = dg.TimeWindow(first.start, last.end)
    assert window.start == datetime(2026, 3, 28, tzinfo=ZoneInfo("Europe/Berlin"))
    assert partition_window_vars(window) == {"min_date": "2026-03-28", "max_date": "2026-03-30"}


def test_vars_travel_as_json_strings() -> None:
    assert dbt_vars_args({"max_date": "2026-03-12", "min_date": "2026-03-11"}) == [
        "--vars",
        '{"max_date": "2026-03-12", "min_date": "2026-03-11"}',
    ]
