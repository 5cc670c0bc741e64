"""Timestamps as the providers write them, read into naive UTC datetimes for the raw layer.

Every connector reads its record times here, so one rule decides what a time is: a moment in
[2000, 2100). Anything outside is quarantined, never landed: a year-9999 `updatedAt` landed as a
version would become the incremental cursor, and every later pull would then ask for changes after
9999 and never read anything again; a 1970 time is a zero or a unit mistake, not a record's date.
"""

from datetime import UTC, datetime
from typing import Any

EARLIEST = datetime(2000, 1, 1)
LATEST = datetime(2100, 1, 1)
EARLIEST_SECONDS = 946_684_800  # EARLIEST as unix seconds
LATEST_SECONDS = 4_102_444_800  # LATEST as unix seconds


def plausible(moment: datetime | None) -> datetime | None:
    """`moment` when it lies in [EARLIEST, LATEST), else None."""
    return moment if moment is not None and EARLIEST <= moment < LATEST else None


def parse_iso_timestamp(value: Any) -> datetime | None:
    """ISO 8601 with `Z` or an offset (HubSpot's `2026-01-05T10:15:00.123Z`) → naive UTC, else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:  # year 9999 with a negative offset lands past datetime.max
            return None
    return plausible(parsed)


def seconds_in_range(value: Any) -> bool:
    """True for unix seconds (int or float, not bool) within [EARLIEST, LATEST)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and EARLIEST_SECONDS <= value < LATEST_SECONDS


def from_unix_seconds(value: Any) -> datetime | None:
    """Unix seconds (int or float, as Chatwoot and amoCRM write them) → naive UTC, else None."""
    if not seconds_in_range(value):
        return None
    return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)


def utc_now() -> datetime:
    """The extraction time stamped on every landed row, naive UTC like the rest of the raw layer."""
    return datetime.now(UTC).replace(tzinfo=None)
