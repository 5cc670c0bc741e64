"""Writes the raw layer into DuckDB: window by window, in one transaction, never duplicating.

This is the one place that knows the raw layer is DuckDB. Landing somewhere else (Parquet files
for Spark, another warehouse) means another class with the same three methods.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ingestion.landing import LandingSummary, WindowBatch
from ingestion.raw_tables import ALL_TABLES, CONTACT_IDENTIFIERS, QUARANTINE, RawTable


class RawStore:
    """The raw schema of one DuckDB warehouse."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection
        self._create_tables()

    @classmethod
    @contextmanager
    def open(cls, warehouse_path: str | Path) -> Iterator["RawStore"]:
        """Open the warehouse file for writing, creating it and its folder when missing."""
        Path(warehouse_path).parent.mkdir(parents=True, exist_ok=True)
        connection = duckdb.connect(str(warehouse_path))
        try:
            yield cls(connection)
        finally:
            connection.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        return self._connection

    def _create_tables(self) -> None:
        self._connection.execute("create schema if not exists raw")
        for table in ALL_TABLES:
            columns = ", ".join(f"{name} {sql_type}" for name, sql_type in table.columns)
            self._connection.execute(f"create table if not exists {table.qualified_name} ({columns})")

    def replace_window(self, table: RawTable, batch: WindowBatch) -> LandingSummary:
        """Swap one window's rows and quarantine rows for `batch`, atomically.

        A re-run of the same window replaces what the last run wrote, so re-running is idempotent,
        and a run killed half-way rolls back to the previous complete window.
        """
        quarantine_rows = [
            (batch.source, batch.entity, batch.window_key, q.locator, q.payload, q.reason, batch.extracted_at)
            for q in batch.quarantined
        ]
        with self._transaction():
            self._connection.execute(f"delete from {table.qualified_name} where window_key = ?", [batch.window_key])
            self._connection.execute(
                f"delete from {QUARANTINE.qualified_name} where source = ? and entity = ? and window_key = ?",
                [batch.source, batch.entity, batch.window_key],
            )
            self._insert(table, batch.rows)
            self._insert(QUARANTINE, quarantine_rows)
        return LandingSummary(
            source=batch.source,
            entity=batch.entity,
            window_key=batch.window_key,
            read=batch.read,
            landed=len(batch.rows),
            quarantined=len(quarantine_rows),
        )

    def append(self, table: RawTable, rows: Sequence[tuple[Any, ...]]) -> None:
        """Append rows that carry no window (the identifier lookup), in one transaction."""
        with self._transaction():
            self._insert(table, rows)

    def unkeyed_identifiers(self) -> list[tuple[str, str, str]]:
        """(identifier, kind, region hint) of every person reference not yet in contact_identifiers."""
        return self.query(_UNKEYED_IDENTIFIERS_SQL)

    def identifier_counts(self) -> tuple[int, int]:
        """(all, valid) rows of the identifier lookup, for the asset's metadata."""
        total, valid = self.query(
            f"select count(*), count(case when is_valid then 1 end) from {CONTACT_IDENTIFIERS.qualified_name}"
        )[0]
        return int(total), int(valid)

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._connection.execute(sql, list(parameters)).fetchall()

    def _insert(self, table: RawTable, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = table.column_names
        arrow_batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
        self._connection.register("_landing_batch", arrow_batch)
        try:
            self._connection.execute(
                f"insert into {table.qualified_name} ({', '.join(names)}) select {', '.join(names)} from _landing_batch"
            )
        finally:
            self._connection.unregister("_landing_batch")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("begin transaction")
        try:
            yield
        except BaseException:
            self._connection.execute("rollback")
            raise
        self._connection.execute("commit")


# Where the raw payloads name a person: WhatsApp senders and recipients (phone digits or, since
# 2026, business-scoped user ids) and HubSpot contacts' phone fields, read in their country.
_UNKEYED_IDENTIFIERS_SQL = """
with references_found as (
    select json_extract_string(payload, '$.from') as identifier, 'phone' as identifier_kind,
           '' as region_hint
    from raw.whatsapp_webhook_events where event_kind = 'message'
    union
    select json_extract_string(payload, '$.recipient_id'), 'phone', ''
    from raw.whatsapp_webhook_events where event_kind = 'status'
    union
    select json_extract_string(payload, '$.from_user_id'), 'whatsapp_user_id', ''
    from raw.whatsapp_webhook_events where event_kind = 'message'
    union
    select json_extract_string(payload, '$.recipient_user_id'), 'whatsapp_user_id', ''
    from raw.whatsapp_webhook_events where event_kind = 'status'
    union
    select json_extract_string(payload, '$.properties.phone'), 'phone',
           coalesce(upper(json_extract_string(payload, '$.properties.hs_country_region_code')), '')
    from raw.hubspot_contacts
    union
    select json_extract_string(payload, '$.properties.mobilephone'), 'phone',
           coalesce(upper(json_extract_string(payload, '$.properties.hs_country_region_code')), '')
    from raw.hubspot_contacts
)
select r.identifier, r.identifier_kind, r.region_hint
from references_found as r
anti join raw.contact_identifiers as k
    on k.identifier = r.identifier and k.identifier_kind = r.identifier_kind
    and k.region_hint = r.region_hint
where r.identifier is not null and r.identifier <> ''
order by 1, 2, 3
"""
