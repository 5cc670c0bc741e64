"""A small list read whole on every pull (a CRM's pipelines): one `full` window, replaced each time."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import orjson

from ingestion.landing import LandingSummary, WindowBatch
from ingestion.raw_store import RawStore
from ingestion.raw_tables import RawTable


def land_full(
    store: RawStore, table: RawTable, source: str, entity: str, records: Iterable[Any], extracted_at: datetime
) -> LandingSummary:
    """Land every record keyed by its `id`, versioned by `extracted_at`; a record without an id is quarantined."""
    batch = WindowBatch(source, entity, "full", extracted_at)
    for position, record in enumerate(records, start=1):
        payload, identifier = orjson.dumps(record).decode("utf-8"), record_id(record)
        if identifier is None:
            batch.quarantine(f"{entity} #{position}", payload, f"{entity.rstrip('s')} without an id")
        else:
            batch.rows.append((batch.window_key, identifier, payload, extracted_at, extracted_at))
    return store.replace_window(table, batch)


def record_id(record: Any) -> str | None:
    """The record's `id` as text, or None when it has none."""
    identifier = record.get("id") if isinstance(record, dict) else None
    return str(identifier) if isinstance(identifier, int | str) and identifier != "" else None
