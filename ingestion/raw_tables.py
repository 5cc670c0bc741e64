"""The raw layer's tables: names and columns, as docs/raw_layer.md describes them.

One declaration serves the DDL, the landing code and the tests, so the contract with dbt's sources
lives in a single place in Python.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RawTable:
    """A table in the `raw` schema; `columns` are (name, SQL type) in order."""

    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def qualified_name(self) -> str:
        return f"raw.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


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

ALL_TABLES = (WHATSAPP_WEBHOOK_EVENTS, HUBSPOT_CONTACTS, HUBSPOT_DEALS, CONTACT_IDENTIFIERS, QUARANTINE)
