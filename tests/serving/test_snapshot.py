"""A published snapshot: every mart, views that stay valid for its readers, and no personal data."""

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from serving.pointer import published_snapshot
from serving.publish import publish

NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)

# Where phone numbers, names and e-mails live: the raw layer, as staging reads it.
PII_COLUMNS = {
    "stg_hubspot__contacts": ("phone", "mobile_phone", "contact_name", "email"),
    "stg_csv__contacts": ("phone", "mobile_phone", "whatsapp_phone", "contact_name", "email"),
    "stg_amocrm__contact_phones": ("phone",),
    "stg_amocrm__contacts": ("contact_name", "email"),
    "stg_whatsapp__messages": ("wa_id",),
    "stg_chatwoot__conversations": ("phone_number", "contact_name", "email"),
}
PII_SQL = " union all ".join(
    f"select {column}::varchar from staging.{model}" for model, columns in PII_COLUMNS.items() for column in columns
)


def personal_data(warehouse: Path) -> tuple[set[str], set[str]]:
    """The raw layer's names and e-mails, and its phone numbers as bare digits."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        values = {value.strip() for (value,) in connection.execute(PII_SQL).fetchall() if value and value.strip()}
    phones = {re.sub(r"\D", "", value) for value in values if sum(c.isdigit() for c in value) >= 7}
    words = {value for value in values if sum(c.isdigit() for c in value) < 7}
    return words, phones


def snapshot_text(database: Path) -> list[str]:
    """Every text value of every view of a snapshot, read back as a BI tool reads it."""
    texts = []
    with duckdb.connect(str(database), read_only=True) as connection:
        columns = connection.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'marts' and data_type = 'VARCHAR'"
        ).fetchall()
        for table, column in columns:
            values = connection.execute(f'select distinct "{column}" from marts.{table}').fetchall()
            texts += [value for (value,) in values if value]
    return texts


def test_every_mart_is_published_with_its_rows(warehouse_copy: Path, publish_dir: Path) -> None:
    publication = publish(str(warehouse_copy), publish_dir, 3, NOW, "run-one")
    with duckdb.connect(str(warehouse_copy), read_only=True) as warehouse:
        marts = warehouse.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()
        expected = {name: warehouse.execute(f"select count(*) from marts.{name}").fetchone()[0] for (name,) in marts}
    assert publication.snapshot.tables == expected
    assert published_snapshot(publish_dir) == publication.snapshot.path
    with duckdb.connect(str(publication.published_database), read_only=True) as reader:
        published = {name: reader.execute(f"select count(*) from marts.{name}").fetchone()[0] for name in expected}
    assert published == expected
    assert expected["mart_conversion_daily"] > 0


def test_views_read_their_own_snapshot_from_any_directory_after_the_pointer_moves(
    warehouse_copy: Path, publish_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = publish(str(warehouse_copy), publish_dir, 3, NOW, "run-one")
    with duckdb.connect(str(warehouse_copy)) as warehouse:
        warehouse.execute("delete from marts.mart_conversion_daily where country <> 'AE'")
    second = publish(str(warehouse_copy), publish_dir, 3, NOW.replace(hour=7), "run-two")
    assert second.snapshot.tables["mart_conversion_daily"] < first.snapshot.tables["mart_conversion_daily"]
    monkeypatch.chdir(tmp_path)  # a reader's working directory has nothing to do with the snapshot's
    with duckdb.connect(str(first.snapshot.database), read_only=True) as old:
        rows = old.execute("select count(*) from marts.mart_conversion_daily").fetchone()[0]
    assert rows == first.snapshot.tables["mart_conversion_daily"]
    assert os.readlink(publish_dir / "current") == f"snapshots/{second.snapshot.version}"


def test_the_snapshot_and_report_hold_no_phone_number_or_name(warehouse_copy: Path, publish_dir: Path) -> None:
    words, phones = personal_data(warehouse_copy)
    assert len(words) > 50 and len(phones) > 50  # the scan knows what it is looking for
    publication = publish(str(warehouse_copy), publish_dir, 3, NOW, "run-one")
    texts = snapshot_text(publication.published_database)
    assert texts
    leaked_words = words.intersection(texts)
    digits = {run for text in texts for run in re.findall(r"\d{7,}", text)}
    assert not leaked_words
    assert not phones & digits
    report = publication.report.read_text(encoding="utf-8")
    assert not [word for word in words if len(word) > 5 and word in report]
    assert not phones & set(re.findall(r"\d{7,}", report))
    files = {path.suffix for path in publication.snapshot.path.iterdir()}
    assert files == {".parquet", ".duckdb", ".json", ".html"}
