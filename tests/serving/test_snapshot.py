"""A published snapshot: every mart, views that stay valid for its readers, and no personal data."""

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from serving.pointer import published_snapshot
from serving.publish import publish
from tests.serving.pii_scan import PersonalData, scan

NOW = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


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
    personal = PersonalData.from_warehouse(warehouse_copy)
    assert len(personal.texts) > 50 and len(personal.phone_tails) > 50  # the scan knows what it is looking for
    publication = publish(str(warehouse_copy), publish_dir, 3, NOW, "run-one")
    files = {path.suffix for path in publication.snapshot.path.iterdir()}
    assert files == {".parquet", ".duckdb", ".json", ".html"}
    assert publication.report.parent == publication.snapshot.path  # so the scan reads the report too
    assert scan(publication.snapshot.path, personal) == []


def test_the_scan_finds_a_planted_phone_name_and_email(warehouse_copy: Path, publish_dir: Path) -> None:
    """The scanner is only worth its silence if it shouts at a leak: plant one of each kind and expect all three."""
    personal = PersonalData.from_warehouse(warehouse_copy)
    with duckdb.connect(str(warehouse_copy)) as warehouse:
        phone, name, email = warehouse.execute(
            "select phone, contact_name, email from staging.stg_hubspot__contacts "
            "where length(regexp_replace(phone, '[^0-9]', '', 'g')) >= 9 and contact_name <> '' and email <> '' limit 1"
        ).fetchone()
        digits = re.sub(r"\D", "", phone)
        local_form = f"0{digits[-9:-7]} {digits[-7:-4]} {digits[-4:]}"  # how a person might type it at home
        warehouse.execute("create table marts.mart_planted_leak (note varchar, phone_number bigint)")
        warehouse.execute("insert into marts.mart_planted_leak values (?, ?)", [f"call {name} on {local_form}", digits])
    publication = publish(str(warehouse_copy), publish_dir, 3, NOW, "run-one")
    (publication.snapshot.path / "notes.txt").write_text(f"owner: {email.upper()}\n", encoding="utf-8")
    found = scan(publication.snapshot.path, personal)
    assert any(name.lower() in leak for leak in found), found
    assert any(local_form in leak for leak in found), found
    assert any(leak.startswith("mart_planted_leak.parquet:phone_number") for leak in found), found
    assert any(leak.startswith("notes.txt") and email.lower() in leak for leak in found), found
