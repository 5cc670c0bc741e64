"""Which daily partitions a command-line run covers: pure date logic, unit-tested."""

from datetime import date, timedelta
from pathlib import Path

RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def landed_days(landing_dir: Path) -> list[date]:
    """The received days that have a webhook folder, oldest first; other folders are ignored."""
    days = []
    for folder in (landing_dir / "whatsapp").glob("*"):
        try:
            days.append(date.fromisoformat(folder.name))
        except ValueError:
            continue
    return sorted(days)


def default_window(landing_dir: Path, today: date, lookback_days: int = 1) -> tuple[date, date]:
    """First landed day (or `lookback_days` ago) through today: everything not yet seen, nothing more."""
    days = landed_days(landing_dir)
    return (days[0] if days else today - timedelta(days=lookback_days)), today


def partition_range_tags(start: date, end: date) -> dict[str, str]:
    """Run tags that make one run cover every daily partition from `start` to `end` inclusive."""
    if end < start:
        raise ValueError(f"window ends ({end}) before it starts ({start})")
    return {RANGE_START_TAG: start.isoformat(), RANGE_END_TAG: end.isoformat()}
