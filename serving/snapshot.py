"""One versioned, read-only snapshot of the marts: Parquet files and a DuckDB file of views over them.

A snapshot directory is written once and never changed. Its views name their Parquet files by the
snapshot's own absolute path (never through the published pointer), so a reader that opened this
snapshot keeps reading this snapshot's files after the pointer has moved on. `manifest.json` is
written last: a directory without it is an interrupted export, never published.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.sql_quoting import identifier, literal, qualified

MARTS_SCHEMA = "marts"
DATABASE_FILE = "analytics.duckdb"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class Snapshot:
    """A complete snapshot on disk and the row count of each mart it holds."""

    path: Path
    tables: dict[str, int]

    @property
    def version(self) -> str:
        return self.path.name

    @property
    def database(self) -> Path:
        return self.path / DATABASE_FILE


def mart_tables(warehouse: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the `marts` schema: the BI contract, and nothing of the raw or staging layers."""
    rows = warehouse.execute(
        "select table_name from information_schema.tables where table_schema = ? order by table_name",
        [MARTS_SCHEMA],
    ).fetchall()
    return [name for (name,) in rows]


def export_marts(warehouse: duckdb.DuckDBPyConnection, folder: Path) -> Snapshot:
    """Copy every mart into `folder` (which must not exist yet) as Parquet, with a DuckDB file of views."""
    folder = folder.resolve()
    folder.mkdir(parents=True)
    tables: dict[str, int] = {}
    for table in mart_tables(warehouse):
        parquet = folder / f"{table}.parquet"
        # One statement per table reads one consistent state of the warehouse, which no one writes meanwhile.
        warehouse.execute(
            f"copy (select * from {qualified(MARTS_SCHEMA, table)}) to {literal(str(parquet))} "
            "(format parquet, compression zstd)"
        )
        tables[table] = warehouse.execute(f"select count(*) from {qualified(MARTS_SCHEMA, table)}").fetchone()[0]
    with duckdb.connect(str(folder / DATABASE_FILE)) as views:
        views.execute(f"create schema {identifier(MARTS_SCHEMA)}")
        for table in tables:
            parquet = literal(str(folder / f"{table}.parquet"))
            views.execute(f"create view {qualified(MARTS_SCHEMA, table)} as select * from read_parquet({parquet})")
    return Snapshot(folder, tables)


def seal(snapshot: Snapshot) -> None:
    """Mark the snapshot complete: only a sealed snapshot is ever published."""
    manifest = {"version": snapshot.version, "tables": snapshot.tables}
    (snapshot.path / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")


def is_complete(folder: Path) -> bool:
    return (folder / MANIFEST_FILE).is_file()


def read_snapshot(folder: Path) -> Snapshot:
    """A complete snapshot as its manifest describes it."""
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    return Snapshot(folder, {name: int(rows) for name, rows in manifest["tables"].items()})
