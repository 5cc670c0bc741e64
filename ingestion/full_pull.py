"""A small list read whole on every pull (a CRM's pipelines): one `full` window, replaced each time."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ingestion.landing import LandingSummary, WindowBatch, add_record
from ingestion.raw_store import RawStore
from ingestion.raw_tables import RawTable


def land_full(
    store: RawStore, table: RawTable, source: str, entity: str, records: Iterable[Any], extracted_at: datetime
) -> LandingSummary:
    """Land every record keyed by its `id`, versioned by `extracted_at`; a record without an id is quarantined."""
    batch = WindowBatch(source, entity, "full", extracted_at)
    for position, record in enumerate(records, start=1):
        # A full pull's records carry no time of their own: the version is the one seen at extraction.
        add_record(batch, record, f"{entity} #{position}", "extraction time", lambda _: extracted_at)
    return store.replace_window(table, batch)
