"""`python -m bench.floor WAREHOUSE`: the hand-written floor, the marts as one plain DuckDB SQL script.

DESIGN §9 measures the pipeline against "one hand-written DuckDB process that builds the same
marts": SQL written by hand from DESIGN §4/§5 and the marts' docs, reading the raw tables and the
seeds, with no dbt, no intermediate layer kept for its own sake, one pass over messages where DuckDB
allows. It builds into schema `floor` (each mart under its pipeline name), so bench/verify.py can
compare it with the pipeline's marts in the same file. The scripts in bench/floor_sql/ run in name
order in one connection; together they are the floor. Its assumptions are the project's defaults,
written in the SQL: days cut in UTC, a 24 h conversation gap, 7 days of attribution, the ROI vars.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import duckdb

SCRIPTS = Path(__file__).resolve().parent / "floor_sql"
SCHEMA = "floor"


def scripts() -> list[Path]:
    return sorted(SCRIPTS.glob("*.sql"))


def build(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(f"drop schema if exists {SCHEMA} cascade")
    connection.execute(f"create schema {SCHEMA}")
    for script in scripts():
        connection.execute(script.read_text())


def main(warehouse: str) -> None:
    # The pipeline cuts its days in REPORTING_TIMEZONE; the floor's SQL cuts them in UTC, so another zone would
    # make every daily mart differ for a reason that is no one's defect.
    if (os.environ.get("REPORTING_TIMEZONE") or "UTC") != "UTC":
        sys.exit("bench.floor: the hand-written floor cuts days in UTC; unset REPORTING_TIMEZONE to compare")
    started = time.perf_counter()
    connection = duckdb.connect(warehouse)
    try:
        build(connection)
    finally:
        connection.close()
    print(json.dumps({"scripts": len(scripts()), "sql_seconds": round(time.perf_counter() - started, 3)}))


if __name__ == "__main__":
    main(sys.argv[1])
