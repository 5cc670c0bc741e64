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
from ingestion.raw_tables import ALL_TABLES, CONTACT_IDENTIFIERS, QUARANTINE, SOURCE_CURSORS, RawTable


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
        with self._transaction():
            return self._replace_window(table, batch)

    def _replace_window(self, table: RawTable, batch: WindowBatch) -> LandingSummary:
        quarantine_rows = [
            (batch.source, batch.entity, batch.window_key, q.locator, q.payload, q.reason, batch.extracted_at)
            for q in batch.quarantined
        ]
        self._connection.execute(f"delete from {table.qualified_name} where window_key = ?", [batch.window_key])
        self._connection.execute(
            f"delete from {QUARANTINE.qualified_name} where source = ? and entity = ? and window_key = ?",
            [batch.source, batch.entity, batch.window_key],
        )
        landed = self._insert(table, batch.rows, skip_known_versions=table.is_versioned)
        self._insert(QUARANTINE, quarantine_rows)
        return LandingSummary(
            source=batch.source,
            entity=batch.entity,
            window_key=batch.window_key,
            read=batch.read,
            landed=landed,
            quarantined=len(quarantine_rows),
            unchanged=len(batch.rows) - landed,
        )

    def append(self, table: RawTable, rows: Sequence[tuple[Any, ...]]) -> None:
        """Append rows that carry no window (the identifier lookup), in one transaction."""
        with self._transaction():
            self._insert(table, rows)

    def cursor(self, source: str, entity: str) -> str | None:
        """Where the last committed pull of `source`/`entity` stopped, or None before the first."""
        rows = self.query(
            f"select cursor_value from {SOURCE_CURSORS.qualified_name} where source = ? and entity = ?",
            [source, entity],
        )
        return rows[0][0] if rows else None

    def replace_window_and_cursor(
        self, table: RawTable, batch: WindowBatch, cursor_value: str | None
    ) -> LandingSummary:
        """Land a window and move the source's cursor in the same transaction.

        A pull killed before the commit leaves both as they were, so the re-run reads the same
        window again and replaces it; one killed after leaves both moved: nothing lost, nothing doubled.
        """
        with self._transaction():
            summary = self._replace_window(table, batch)
            if cursor_value is not None:
                self._connection.execute(
                    f"delete from {SOURCE_CURSORS.qualified_name} where source = ? and entity = ?",
                    [batch.source, batch.entity],
                )
                self._insert(SOURCE_CURSORS, [(batch.source, batch.entity, cursor_value, batch.extracted_at)])
        return summary

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

    def _insert(self, table: RawTable, rows: Sequence[tuple[Any, ...]], skip_known_versions: bool = False) -> int:
        """Insert `rows`; with `skip_known_versions`, only record versions the table lacks.

        Incremental pulls overlap by their look-back, so they meet versions already landed by an
        earlier window: those are the same record as it was, and landing them again would double it.
        """
        if not rows:
            return 0
        names = table.column_names
        arrow_batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
        known = (
            f" where not exists (select 1 from {table.qualified_name} as landed "
            "where landed.source_id = _landing_batch.source_id and landed.updated_at = _landing_batch.updated_at)"
            if skip_known_versions
            else ""
        )
        self._connection.register("_landing_batch", arrow_batch)
        try:
            inserted = self._connection.execute(
                f"insert into {table.qualified_name} ({', '.join(names)}) "
                f"select {', '.join(names)} from _landing_batch{known}"
            ).fetchone()
        finally:
            self._connection.unregister("_landing_batch")
        return int(inserted[0]) if inserted else len(rows)

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
# 2026, business-scoped user ids), HubSpot contacts' phone fields, read in their country, and Chatwoot
# contacts' phone_number (E.164 with its +, so no region hint) and, in a WhatsApp inbox, `identifier` (the
# business-scoped user id of a contact without a phone), every PHONE value of amoCRM contacts
# (no country on the record, so no hint), and CSV sheets' phone columns, read in the sheet's `country`
# when that column holds an ISO code. Every record holding an e-mail address gives an `email` identifier
# and, with a name, a `name_email` identifier `<name> <<email>>`, built from the name and address exactly
# as the staging models expose them (trimmed; the address lower-cased), so dbt finds the key by the same
# string; the name is the record's full name (HubSpot: first and last name, space-separated).
_UNKEYED_IDENTIFIERS_SQL = """
with names_and_emails_as_typed as (
    select trim(concat_ws(' ', json_extract_string(payload, '$.properties.firstname'),
                json_extract_string(payload, '$.properties.lastname'))) as name,
           lower(trim(json_extract_string(payload, '$.properties.email'))) as email
    from raw.hubspot_contacts
    union
    select min(trim(json_extract_string(contact.payload, '$.name'))),
           min(lower(trim(json_extract_string(field.value, '$.values[0].value'))))
    from raw.amocrm_contacts as contact, json_each(contact.payload, '$.custom_fields_values') as field
    where json_extract_string(field.value, '$.field_code') = 'EMAIL'
    group by contact.source_id, contact.updated_at
    union
    select trim(json_extract_string(payload, '$.name')), lower(trim(json_extract_string(payload, '$.email')))
    from raw.csv_contacts
    union
    select trim(json_extract_string(payload, '$.meta.sender.name')),
           lower(trim(json_extract_string(payload, '$.meta.sender.email')))
    from raw.chatwoot_conversations
),
names_and_emails as (
    select nullif(name, '') as name, email from names_and_emails_as_typed where email <> ''
),
references_found as (
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
    union
    select json_extract_string(payload, '$.meta.sender.phone_number'), 'phone', ''
    from raw.chatwoot_conversations
    union
    select json_extract_string(phone.value, '$.value'), 'phone', ''
    from raw.amocrm_contacts as contact,
        json_each(contact.payload, '$.custom_fields_values') as field,
        json_each(field.value, '$.values') as phone
    where json_extract_string(field.value, '$.field_code') = 'PHONE'
    union
    select unnest([
               json_extract_string(payload, '$.phone'),
               json_extract_string(payload, '$.mobile'),
               json_extract_string(payload, '$.whatsapp')
           ]), 'phone',
           case when length(trim(json_extract_string(payload, '$.country'))) = 2
                then upper(trim(json_extract_string(payload, '$.country'))) else '' end
    from raw.csv_contacts
    union
    select json_extract_string(payload, '$.meta.sender.identifier'), 'whatsapp_user_id', ''
    from raw.chatwoot_conversations where json_extract_string(payload, '$.meta.channel') = 'Channel::Whatsapp'
    union
    select email, 'email', '' from names_and_emails
    union
    select name || ' <' || email || '>', 'name_email', '' from names_and_emails where name is not null
)
select r.identifier, r.identifier_kind, r.region_hint
from references_found as r
anti join raw.contact_identifiers as k
    on k.identifier = r.identifier and k.identifier_kind = r.identifier_kind
    and k.region_hint = r.region_hint
where r.identifier is not null and r.identifier <> ''
order by 1, 2, 3
"""
