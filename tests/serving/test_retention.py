"""Retention: the newest N snapshots stay, older ones go only when no reader is on them."""

from pathlib import Path

import duckdb
import pytest

from serving.pointer import published_snapshot, snapshots_dir, switch_pointer
from serving.retention import has_reader, keep_count, prune_snapshots
from serving.snapshot import export_marts, seal
from tests.serving.reader_process import reader_holding


@pytest.fixture
def tiny_warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts; create table marts.mart_tiny as select range as n from range(5)")
        connection.execute("create view marts.mart_live as select n * 2 as doubled from marts.mart_tiny")
        connection.execute("create schema raw; create table raw.people as select '+971501234567' as phone")
    return path


def publish_versions(warehouse: Path, publish_dir: Path, versions: list[str]) -> list[Path]:
    """Export, seal and point at each version in turn, as successive publishes do."""
    folders = []
    for version in versions:
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            snapshot = export_marts(connection, snapshots_dir(publish_dir) / version)
        seal(snapshot)
        switch_pointer(publish_dir, snapshot.path)
        folders.append(snapshot.path)
    return folders


def test_only_marts_are_exported_tables_and_views_alike(tiny_warehouse: Path, publish_dir: Path) -> None:
    [folder] = publish_versions(tiny_warehouse, publish_dir, ["v1"])
    files = ["analytics.duckdb", "manifest.json", "mart_live.parquet", "mart_tiny.parquet"]
    assert sorted(path.name for path in folder.iterdir()) == files


def test_the_newest_are_kept_and_older_ones_removed(tiny_warehouse: Path, publish_dir: Path) -> None:
    folders = publish_versions(tiny_warehouse, publish_dir, ["v1", "v2", "v3", "v4"])
    assert prune_snapshots(publish_dir, keep=2) == folders[:2]
    assert sorted(snapshots_dir(publish_dir).iterdir()) == folders[2:]
    assert published_snapshot(publish_dir) == folders[3]


def test_a_snapshot_a_reader_holds_open_survives_until_it_lets_go(tiny_warehouse: Path, publish_dir: Path) -> None:
    first, *_ = publish_versions(tiny_warehouse, publish_dir, ["v1", "v2", "v3"])
    with reader_holding(first / "analytics.duckdb"):
        assert has_reader(first)
        assert prune_snapshots(publish_dir, keep=2) == []
        with duckdb.connect(str(first / "analytics.duckdb"), read_only=True) as again:
            assert again.execute("select count(*) from marts.mart_tiny").fetchone()[0] == 5
    assert not has_reader(first)
    assert prune_snapshots(publish_dir, keep=2) == [first]


def test_an_interrupted_export_goes_only_when_older_than_the_published(tiny_warehouse: Path, publish_dir: Path) -> None:
    publish_versions(tiny_warehouse, publish_dir, ["v2"])
    older, newer = snapshots_dir(publish_dir) / "v1", snapshots_dir(publish_dir) / "v3"
    older.mkdir()
    newer.mkdir()  # another publish may still be writing it
    assert prune_snapshots(publish_dir, keep=2) == [older]
    assert newer.exists()


@pytest.mark.parametrize(("value", "kept"), [(None, 3), ("", 3), (" 5 ", 5), ("2", 2)])
def test_keep_count_reads_the_variable(value: str | None, kept: int) -> None:
    assert keep_count(value) == kept


@pytest.mark.parametrize("value", ["1", "0", "-3", "three"])
def test_keeping_fewer_than_two_or_nonsense_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="PUBLISH_KEEP_SNAPSHOTS"):
        keep_count(value)
