"""The raw layer's tables: names and columns, as docs/raw_layer.md describes them.

One declaration serves the DDL, the landing code and the tests, so the contract with dbt's sources
lives in a single place in Python.
"""

from dataclasses import dataclass

from ingestion.sql_quoting import identifier, qualified


@dataclass(frozen=True)
class RawTable:
    """A table in the `raw` schema; `columns` are (name, SQL type) in order."""

    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def qualified_name(self) -> str:
        return qualified("raw", self.name)

    @property
    def quoted_columns(self) -> str:
        """The column list of an insert, each name quoted."""
        return ", ".join(identifier(name) for name in self.column_names)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    @property
    def is_versioned(self) -> bool:
        """A table of record versions (`source_id` as of `updated_at`), landed by overlapping pulls."""
        return {"source_id", "updated_at"} <= set(self.column_names)


_RECORD_COLUMNS = (
    ("window_key", "VARCHAR"),
    ("source_id", "VARCHAR"),
    ("payload", "VARCHAR"),
    ("updated_at", "TIMESTAMP"),
    ("extracted_at", "TIMESTAMP"),
)

WHATSAPP_WEBHOOK_EVENTS = RawTable(
    "whatsapp_webhook_events",
    (
        ("window_key", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("line_number", "INTEGER"),
        ("event_index", "INTEGER"),
        ("event_kind", "VARCHAR"),
        ("source_id", "VARCHAR"),
        ("payload", "VARCHAR"),
        ("context", "VARCHAR"),
        ("extracted_at", "TIMESTAMP"),
    ),
)
HUBSPOT_CONTACTS = RawTable("hubspot_contacts", _RECORD_COLUMNS)
HUBSPOT_DEALS = RawTable("hubspot_deals", _RECORD_COLUMNS)
HUBSPOT_PIPELINES = RawTable("hubspot_pipelines", _RECORD_COLUMNS)
CHATWOOT_CONVERSATIONS = RawTable("chatwoot_conversations", _RECORD_COLUMNS)
CHATWOOT_MESSAGES = RawTable("chatwoot_messages", _RECORD_COLUMNS)
CHATWOOT_AGENTS = RawTable("chatwoot_agents", _RECORD_COLUMNS)
CHATWOOT_CSAT_RESPONSES = RawTable("chatwoot_csat_responses", _RECORD_COLUMNS)
AMOCRM_LEADS = RawTable("amocrm_leads", _RECORD_COLUMNS)
AMOCRM_CONTACTS = RawTable("amocrm_contacts", _RECORD_COLUMNS)
AMOCRM_EVENTS = RawTable("amocrm_events", _RECORD_COLUMNS)
AMOCRM_PIPELINES = RawTable("amocrm_pipelines", _RECORD_COLUMNS)
CSV_CONTACTS = RawTable(
    "csv_contacts",
    (
        ("window_key", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("line_number", "INTEGER"),
        ("payload", "VARCHAR"),
        ("extracted_at", "TIMESTAMP"),
    ),
)
CONTACT_IDENTIFIERS = RawTable(
    "contact_identifiers",
    (
        ("identifier", "VARCHAR"),
        ("identifier_kind", "VARCHAR"),
        ("region_hint", "VARCHAR"),
        ("e164", "VARCHAR"),
        ("region", "VARCHAR"),
        ("is_valid", "BOOLEAN"),
        ("contact_key", "VARCHAR"),
        ("normalised_at", "TIMESTAMP"),
    ),
)
QUARANTINE = RawTable(
    "quarantine",
    (
        ("source", "VARCHAR"),
        ("entity", "VARCHAR"),
        ("window_key", "VARCHAR"),
        ("locator", "VARCHAR"),
        ("payload", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("quarantined_at", "TIMESTAMP"),
    ),
)

SOURCE_CURSORS = RawTable(
    "source_cursors",
    (
        ("source", "VARCHAR"),
        ("entity", "VARCHAR"),
        ("cursor_value", "VARCHAR"),
        ("updated_at", "TIMESTAMP"),
    ),
)

ALL_TABLES = (
    WHATSAPP_WEBHOOK_EVENTS,
    HUBSPOT_CONTACTS,
    HUBSPOT_DEALS,
    HUBSPOT_PIPELINES,
    CHATWOOT_CONVERSATIONS,
    CHATWOOT_MESSAGES,
    CHATWOOT_AGENTS,
    CHATWOOT_CSAT_RESPONSES,
    AMOCRM_LEADS,
    AMOCRM_CONTACTS,
    AMOCRM_EVENTS,
    AMOCRM_PIPELINES,
    CSV_CONTACTS,
    CONTACT_IDENTIFIERS,
    QUARANTINE,
    SOURCE_CURSORS,
)
