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

from ingestion.landing import Columns, LandingSummary, WindowBatch
from ingestion.raw_tables import ALL_TABLES, CONTACT_IDENTIFIERS, QUARANTINE, SOURCE_CURSORS, RawTable
from ingestion.sql_quoting import identifier


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
            columns = ", ".join(f"{identifier(name)} {sql_type}" for name, sql_type in table.columns)
            self._connection.execute(f"create table if not exists {table.qualified_name} ({columns})")

    def replace_window(self, table: RawTable, batch: WindowBatch) -> LandingSummary:
        """Swap one window's rows and quarantine rows for `batch`, atomically.

        A re-run of the same window replaces what the last run wrote, so re-running is idempotent,
        and a run killed half-way rolls back to the previous complete window.
        """
        with self._transaction():
            return self._replace_window(table, batch)

    def replace_windows(self, table: RawTable, batches: Sequence[WindowBatch]) -> list[LandingSummary]:
        """Swap several windows, each as `replace_window` would, in one transaction.

        A commit, and each insert statement, cost more than a day of webhook events, so a range of an
        append-only table is deleted, inserted and committed once; each window still replaces only
        its own rows. A versioned table needs one insert per window to count its known versions.
        """
        with self._transaction():
            if table.is_versioned:
                return [self._replace_window(table, batch) for batch in batches]
            self._delete_windows(table, batches)
            self._insert(table, _concatenated([_arrow(table, batch.rows) for batch in batches if batch.rows]))
            self._insert(QUARANTINE, [row for batch in batches for row in _quarantine_rows(batch)])
            return [_summary(batch, landed=len(batch.rows)) for batch in batches]

    def _replace_window(self, table: RawTable, batch: WindowBatch) -> LandingSummary:
        self._delete_windows(table, [batch])
        landed = self._insert(table, batch.rows, skip_known_versions=table.is_versioned)
        self._insert(QUARANTINE, _quarantine_rows(batch))
        return _summary(batch, landed)

    def _delete_windows(self, table: RawTable, batches: Sequence[WindowBatch]) -> None:
        keys = [batch.window_key for batch in batches]
        self._connection.execute(f"delete from {table.qualified_name} where list_contains(?, window_key)", [keys])
        for source, entity in {(batch.source, batch.entity) for batch in batches}:
            self._connection.execute(
                f"delete from {QUARANTINE.qualified_name} "
                "where source = ? and entity = ? and list_contains(?, window_key)",
                [source, entity, keys],
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

    def _insert(
        self,
        table: RawTable,
        rows: Sequence[tuple[Any, ...]] | Columns | pa.Table | None,
        skip_known_versions: bool = False,
    ) -> int:
        """Insert `rows`; with `skip_known_versions`, only record versions the table lacks, each once.

        Incremental pulls overlap by their look-back, so they meet versions already landed by an
        earlier window: those are the same record as it was, and landing them again would double it.
        A version can also come twice in one pull (a record listed on two pages while it was
        paged): the first by payload order lands, so a re-run picks the same one.
        """
        if rows is None or len(rows) == 0:
            return 0
        arrow_batch = rows if isinstance(rows, pa.Table) else _arrow(table, rows)
        known = (
            f" where not exists (select 1 from {table.qualified_name} as landed "
            "where landed.source_id = _landing_batch.source_id and landed.updated_at = _landing_batch.updated_at)"
            " qualify row_number() over (partition by source_id, updated_at order by payload) = 1"
            if skip_known_versions
            else ""
        )
        self._connection.register("_landing_batch", arrow_batch)
        try:
            inserted = self._connection.execute(
                f"insert into {table.qualified_name} ({table.quoted_columns}) "
                f"select {table.quoted_columns} from _landing_batch{known}"
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


def _arrow(table: RawTable, rows: Sequence[tuple[Any, ...]] | Columns) -> pa.Table:
    if isinstance(rows, Columns):
        return rows.to_arrow()
    return pa.table(list(map(list, zip(*rows, strict=True))), table.column_names)


def _concatenated(tables: list[pa.Table]) -> pa.Table | None:
    """One table of several windows' rows; a column all null in one window takes the others' type."""
    return pa.concat_tables(tables, promote_options="permissive") if tables else None


def _quarantine_rows(batch: WindowBatch) -> list[tuple[Any, ...]]:
    return [
        (batch.source, batch.entity, batch.window_key, q.locator, q.payload, q.reason, batch.extracted_at)
        for q in batch.quarantined
    ]


def _summary(batch: WindowBatch, landed: int) -> LandingSummary:
    return LandingSummary(
        source=batch.source,
        entity=batch.entity,
        window_key=batch.window_key,
        read=batch.read,
        landed=landed,
        quarantined=len(batch.quarantined),
        unchanged=len(batch.rows) - landed,
    )


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
