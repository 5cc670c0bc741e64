"""Chatwoot records into raw rows: unix-second times, and the day windows they land in.

Chatwoot writes times as unix seconds (integers; a conversation's `updated_at` as a float since
v3). Records are grouped by the UTC day of the time the pull is ordered by, so an incremental pull
that starts at a day boundary re-reads whole days and replaces them without losing or doubling rows.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ingestion.landing import LandingSummary, WindowBatch
from ingestion.raw_store import RawStore
from ingestion.raw_tables import RawTable
from ingestion.timestamps import from_unix_seconds


def since_day(cursor: str | None, lookback: timedelta) -> datetime | None:
    """Start of the UTC day holding `cursor - lookback`: where an incremental pull starts; None for all."""
    if cursor is None:
        return None
    moment = datetime.fromisoformat(cursor) - lookback
    return datetime(moment.year, moment.month, moment.day)


@dataclass
class DayWindows:
    """One `WindowBatch` per UTC day (`YYYY-MM-DD`) of one entity, filled as a pull reads records."""

    source: str
    entity: str
    extracted_at: datetime
    by_day: dict[str, WindowBatch] = field(default_factory=dict)

    def batch(self, moment: datetime | None) -> WindowBatch:
        """The window of `moment`; a record without a readable time goes to the extraction day."""
        key = (moment or self.extracted_at).date().isoformat()
        if key not in self.by_day:
            self.by_day[key] = WindowBatch(self.source, self.entity, key, self.extracted_at)
        return self.by_day[key]

    def batches(self) -> list[WindowBatch]:
        return [self.by_day[key] for key in sorted(self.by_day)]


def conversation_activity(record: Any) -> datetime | None:
    """When the conversation last had activity (`timestamp`, which the list is sorted by)."""
    return from_unix_seconds(record.get("timestamp")) if isinstance(record, dict) else None


def conversation_updated(record: dict[str, Any]) -> datetime | None:
    """`updated_at` (float seconds since Chatwoot v3), else the last activity for older servers."""
    return from_unix_seconds(record.get("updated_at")) or conversation_activity(record)


def created(record: dict[str, Any]) -> datetime | None:
    return from_unix_seconds(record.get("created_at"))


def commit_windows(
    store: RawStore, table: RawTable, windows: DayWindows, latest: datetime | None
) -> list[LandingSummary]:
    """Replace each window; the last one commits together with the new cursor (`latest`, ISO)."""
    batches = windows.batches()
    summaries = [store.replace_window(table, batch) for batch in batches[:-1]]
    if batches:
        cursor = latest.isoformat() if latest is not None else None
        summaries.append(store.replace_window_and_cursor(table, batches[-1], cursor))
    return summaries
