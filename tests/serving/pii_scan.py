"""A privacy scanner: does a published file or the report hold a phone, name, e-mail or message of the raw data?

What to look for is read from the warehouse itself (the staging views over the raw layer), so the
scan knows every person the demo generated. Phones are matched by their last eight digits, which
every written form of a number keeps (`+971 50 123 4567`, `050-123-4567`, `971501234567`); names,
e-mails and message texts by case-insensitive substring. Parquet files are read through DuckDB,
every column as text; every other file is read as text.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.sql_quoting import identifier, literal

# Where phone numbers, names, e-mails and message texts live: the raw layer, as staging reads it.
PII_COLUMNS = {
    "stg_hubspot__contacts": ("phone", "mobile_phone", "contact_name", "email"),
    "stg_csv__contacts": ("phone", "mobile_phone", "whatsapp_phone", "contact_name", "email"),
    "stg_amocrm__contact_phones": ("phone",),
    "stg_amocrm__contacts": ("contact_name", "email"),
    "stg_whatsapp__messages": ("wa_id", "text_body"),
    "stg_chatwoot__conversations": ("phone_number", "contact_name", "email"),
}
PHONE_TAIL = 8  # digits: unique enough among a business's customers, kept by every local form
MIN_TEXT = 6  # shorter names and texts ("Ann", "ok") are everyday words, not a person
# Digits a phone is written with, separated by at most one space, dash, dot or bracket.
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s\-.()]?\d){6,}")


@dataclass(frozen=True)
class PersonalData:
    texts: frozenset[str]  # names, e-mails and message texts, lower-cased
    phone_tails: frozenset[str]

    @classmethod
    def from_warehouse(cls, warehouse: Path) -> "PersonalData":
        sql = " union ".join(
            f"select cast({identifier(column)} as varchar) from staging.{identifier(model)}"
            for model, columns in PII_COLUMNS.items()
            for column in columns
        )
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            values = {value.strip() for (value,) in connection.execute(sql).fetchall() if value and value.strip()}
        tails = {digits[-PHONE_TAIL:] for value in values if len(digits := re.sub(r"\D", "", value)) >= PHONE_TAIL}
        texts = {value.lower() for value in values if len(value) >= MIN_TEXT and not _DIGIT_RUN.fullmatch(value)}
        return cls(frozenset(texts), frozenset(tails))


def leaks(text: str, personal: PersonalData) -> list[str]:
    """What of `personal` `text` holds: phone tails and texts."""
    lowered = text.lower()
    found = [value for value in personal.texts if value in lowered]
    for run in _DIGIT_RUN.findall(text):
        tail = re.sub(r"\D", "", run)[-PHONE_TAIL:]
        if tail in personal.phone_tails:
            found.append(run)
    return found


def published_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every file under `folder`: a Parquet file column by column, others whole."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix != ".parquet":
            yield path.name, path.read_bytes().decode("utf-8", "ignore")
            continue
        with duckdb.connect() as connection:
            relation = f"read_parquet({literal(str(path))})"
            for (column,) in connection.execute(
                f"select column_name from (describe select * from {relation})"
            ).fetchall():
                values = connection.execute(f"select distinct cast({identifier(column)} as varchar) from {relation}")
                yield f"{path.name}:{column}", "\n".join(value for (value,) in values.fetchall() if value)


def scan(folder: Path, personal: PersonalData) -> list[str]:
    """Every leak under `folder`, as `where: what`; empty when nothing personal was published."""
    return [f"{where}: {found}" for where, text in published_texts(folder) for found in leaks(text, personal)]
