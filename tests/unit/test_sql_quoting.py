"""Hostile names and paths stay one name or one string in SQL, in a real DuckDB."""

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.sql_quoting import identifier, literal, qualified
from quality.raw_backup import back_up_raw, verify_backup
from serving.snapshot import export_marts

HOSTILE_NAMES = [
    'x"; drop table raw.victim; --',
    "it's",
    "Robert'); DROP TABLE victim;--",
    "select",
    "name with spaces.and.dots",
    "контакты",
    '""',
]


@pytest.fixture
def connection() -> duckdb.DuckDBPyConnection:
    with duckdb.connect() as connection:
        connection.execute("create schema raw")
        connection.execute("create table raw.victim (n integer)")
        yield connection


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_table_name_is_one_table(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    connection.execute(f"create table {qualified('raw', name)} ({identifier(name)} varchar)")
    connection.execute(f"insert into {qualified('raw', name)} values (?)", [name])
    assert connection.execute(f"select {identifier(name)} from {qualified('raw', name)}").fetchall() == [(name,)]
    tables = connection.execute("select table_name from information_schema.tables order by 1").fetchall()
    assert sorted([(name,), ("victim",)]) == tables


@pytest.mark.parametrize("value", HOSTILE_NAMES)
def test_a_hostile_literal_is_one_string(connection: duckdb.DuckDBPyConnection, value: str) -> None:
    assert connection.execute(f"select {literal(value)}").fetchall() == [(value,)]
    assert connection.execute("select count(*) from raw.victim").fetchall() == [(0,)]


def test_nul_and_empty_names_are_refused() -> None:
    for bad in (lambda: identifier("a\x00b"), lambda: literal("a\x00b"), lambda: identifier("")):
        with pytest.raises(ValueError):
            bad()


def test_backup_and_verify_survive_a_hostile_table_name_and_folder(tmp_path: Path) -> None:
    with duckdb.connect() as connection:
        connection.execute("create schema raw")
        connection.execute(f"create table {qualified('raw', HOSTILE_NAMES[0])} as select 1 as n")
        folder = back_up_raw(connection, tmp_path / "it's a backup", datetime(2026, 1, 1))
    assert [(check.table, check.verified) for check in verify_backup(folder)] == [(HOSTILE_NAMES[0], True)]


def test_a_snapshot_exports_a_hostile_mart_name_into_a_quoted_folder(tmp_path: Path) -> None:
    with duckdb.connect() as warehouse:
        warehouse.execute("create schema marts")
        warehouse.execute(f"create table {qualified('marts', HOSTILE_NAMES[0])} as select 1 as n")
        snapshot = export_marts(warehouse, tmp_path / "o'brien" / "v1")
    assert snapshot.tables == {HOSTILE_NAMES[0]: 1}
    with duckdb.connect(str(snapshot.database), read_only=True) as views:
        assert views.execute(f"select n from {qualified('marts', HOSTILE_NAMES[0])}").fetchall() == [(1,)]
