"""Backups of the raw layer, and their verification (DESIGN §6, backup completeness).

Raw is the only layer that cannot be rebuilt (WhatsApp keeps no history), so each backup copies every
`raw.*` table to Parquet and records its row count and a checksum in a manifest; verification
re-reads each file and compares. A backup is only as good as its restore, hence the re-read.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from ingestion.sql_quoting import literal, qualified

MANIFEST = "manifest.json"

# The sum of a hash of every whole row: order-free, and any changed, lost or added row moves it.
FINGERPRINT_SQL = "select count(*), coalesce(sum(hash(t)::hugeint), 0)::varchar from {relation} as t"


@dataclass(frozen=True)
class TableCheck:
    table: str
    expected_rows: int
    rows: int | None
    verified: bool


def _fingerprint(connection: duckdb.DuckDBPyConnection, relation: str) -> tuple[int, str]:
    count, checksum = connection.execute(FINGERPRINT_SQL.format(relation=relation)).fetchone()
    return int(count), str(checksum)


def back_up_raw(connection: duckdb.DuckDBPyConnection, backup_root: Path, started_at: datetime) -> Path:
    """Copy every raw table to `<backup_root>/<timestamp>/<table>.parquet`; returns the folder."""
    folder = backup_root / started_at.strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)
    tables = [
        row[0]
        for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' order by table_name"
        ).fetchall()
    ]
    manifest: dict[str, dict[str, object]] = {}
    for table in tables:
        target = folder / f"{table}.parquet"
        # The table name comes from the catalog and the path from the backup folder: both quoted, never trusted.
        connection.execute(f"copy {qualified('raw', table)} to {literal(str(target))} (format parquet)")
        rows, checksum = _fingerprint(connection, qualified("raw", table))
        manifest[table] = {"rows": rows, "checksum": checksum}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return folder


def latest_backup(backup_root: Path) -> Path | None:
    """The newest backup folder that has a manifest (timestamps sort as text)."""
    folders = sorted(p for p in backup_root.glob("*") if (p / MANIFEST).is_file()) if backup_root.is_dir() else []
    return folders[-1] if folders else None


def verify_backup(folder: Path) -> list[TableCheck]:
    """Re-read every file of the manifest; a missing or unreadable file is unverified, not an error."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    checks: list[TableCheck] = []
    with duckdb.connect() as connection:
        for table, expected in sorted(manifest.items()):
            path = folder / f"{table}.parquet"
            try:
                rows, checksum = _fingerprint(connection, f"read_parquet({literal(str(path))})")
            except duckdb.Error:
                checks.append(TableCheck(table, int(expected["rows"]), None, False))
                continue
            verified = rows == expected["rows"] and checksum == expected["checksum"]
            checks.append(TableCheck(table, int(expected["rows"]), rows, verified))
    return checks
