"""Timestamps as the providers write them, read into naive UTC datetimes for the raw layer."""

from datetime import UTC, datetime
from typing import Any


def parse_iso_timestamp(value: Any) -> datetime | None:
    """ISO 8601 with `Z` or an offset (HubSpot's `2026-01-05T10:15:00.123Z`) → naive UTC, else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed
    return parsed.astimezone(UTC).replace(tzinfo=None)


def utc_now() -> datetime:
    """The extraction time stamped on every landed row, naive UTC like the rest of the raw layer."""
    return datetime.now(UTC).replace(tzinfo=None)
