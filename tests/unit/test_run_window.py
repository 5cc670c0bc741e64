from datetime import date
from pathlib import Path

import pytest

from orchestration.run_window import default_window, landed_days, partition_range_tags


def test_landed_days_reads_only_date_folders(tmp_path: Path) -> None:
    for name in ("2026-01-02", "2026-01-01", "tmp", "2026-13-01"):
        (tmp_path / "whatsapp" / name).mkdir(parents=True)
    assert landed_days(tmp_path) == [date(2026, 1, 1), date(2026, 1, 2)]


def test_default_window_runs_from_the_first_landed_day_to_today(tmp_path: Path) -> None:
    (tmp_path / "whatsapp" / "2026-01-05").mkdir(parents=True)
    assert default_window(tmp_path, date(2026, 2, 1)) == (date(2026, 1, 5), date(2026, 2, 1))


def test_default_window_without_landed_files_is_yesterday_and_today(tmp_path: Path) -> None:
    assert default_window(tmp_path, date(2026, 2, 1)) == (date(2026, 1, 31), date(2026, 2, 1))


def test_partition_range_tags_cover_the_window_inclusively() -> None:
    assert partition_range_tags(date(2026, 1, 1), date(2026, 1, 31)) == {
        "dagster/asset_partition_range_start": "2026-01-01",
        "dagster/asset_partition_range_end": "2026-01-31",
    }
    with pytest.raises(ValueError, match="before it starts"):
        partition_range_tags(date(2026, 2, 1), date(2026, 1, 1))
