"""Chatwoot records into raw rows: unix-second times, and the day windows they land in.

Chatwoot writes times as unix seconds (integers; a conversation's `updated_at` as a float since
v3). Records are grouped by the UTC day of the time the pull is ordered by, so an incremental pull
that starts at a day boundary re-reads whole days and replaces them without losing or doubling rows.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ingestion.errors import SourceError
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
    """One `WindowBatch` per UTC day (`YYYY-MM-DD`) of one entity, filled as a pull reads records.

    A pull read in descending time can land each day as soon as it is complete (`land_days_after`), so it holds a
    few days of records instead of an account's whole history. A landed day is never opened again: landing it a
    second time would replace the rows its first landing wrote.
    """

    source: str
    entity: str
    extracted_at: datetime
    by_day: dict[str, WindowBatch] = field(default_factory=dict)
    landed: set[str] = field(default_factory=set)

    def batch(self, moment: datetime | None) -> WindowBatch:
        """The window of `moment`; a record without a readable time goes to the extraction day."""
        key = (moment or self.extracted_at).date().isoformat()
        if key in self.landed:
            raise SourceError(
                f"{self.source} listed {self.entity} of {key} after that day was landed: the list is not in "
                "descending time; nothing of this pull moved the cursor, so the next pull reads it again"
            )
        if key not in self.by_day:
            self.by_day[key] = WindowBatch(self.source, self.entity, key, self.extracted_at)
        return self.by_day[key]

    def batches(self) -> list[WindowBatch]:
        return [self.by_day[key] for key in sorted(self.by_day)]

    def land_days_after(self, store: RawStore, table: RawTable, day: datetime) -> list[LandingSummary]:
        """Land and forget every window of a day after `day`'s, but the extraction day's, which records without a
        time may still join."""
        open_day, boundary = self.extracted_at.date().isoformat(), day.date().isoformat()
        done = sorted(key for key in self.by_day if key > boundary and key != open_day)
        self.landed.update(done)
        return [store.replace_window(table, self.by_day.pop(key)) for key in done]


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
