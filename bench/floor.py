"""`python -m bench.floor WAREHOUSE MANIFEST`: the project's models as one plain DuckDB script.

The floor is what one DuckDB process needs to build the same relations from the same raw tables,
with no dbt, no Dagster, no tests and no audits: each model's compiled SQL, in dependency order,
as `create or replace view/table`. It answers "what do the framework and the checks cost on top of
the SQL?". It is not a second, hand-optimised implementation of the marts: the SQL is the
project's own, so a wasteful model is wasteful in the floor too (see README, Performance).
"""

from __future__ import annotations

import json
import sys
import time
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import duckdb

# Schemas the models build into; everything else (raw, seeds, audit history) is input to the floor.
MODEL_SCHEMAS = ("staging", "intermediate", "marts", "audit")


def models_in_order(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Every enabled model of the manifest, each after the models it selects from."""
    models = {key: node for key, node in manifest["nodes"].items() if node["resource_type"] == "model"}
    graph = {key: [dep for dep in node["depends_on"]["nodes"] if dep in models] for key, node in models.items()}
    return [models[key] for key in TopologicalSorter(graph).static_order()]


def statement(model: dict[str, Any]) -> str:
    kind = "view" if model["config"]["materialized"] == "view" else "table"
    return f"create or replace {kind} {model['relation_name']} as (\n{model['compiled_code']}\n)"


def build(connection: duckdb.DuckDBPyConnection, models: list[dict[str, Any]]) -> None:
    for schema in MODEL_SCHEMAS:
        connection.execute(f"drop schema if exists {schema} cascade")
        connection.execute(f"create schema {schema}")
    for model in models:
        connection.execute(statement(model))


def mart_totals(warehouse: Path) -> dict[str, list[float]]:
    """Per mart: its row count, then the sum of each numeric column, rounded: the verification keys."""
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = connection.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' order by table_name, ordinal_position"
        ).fetchall()
        totals: dict[str, list[float]] = {}
        numeric = ("INTEGER", "BIGINT", "DOUBLE", "HUGEINT", "FLOAT", "DECIMAL", "SMALLINT")
        for table in sorted({row[0] for row in columns}):
            sums = [f"sum({name})" for t, name, kind in columns if t == table and kind.startswith(numeric)]
            row = connection.execute(f"select {', '.join(['count(*)', *sums])} from marts.{table}").fetchone()
            totals[table] = [round(float(value or 0), 2) for value in row or ()]
        return totals
    finally:
        connection.close()


def main(warehouse: str, manifest_path: str) -> None:
    models = models_in_order(json.loads(Path(manifest_path).read_text()))
    started = time.perf_counter()
    connection = duckdb.connect(warehouse)
    try:
        build(connection, models)
    finally:
        connection.close()
    print(json.dumps({"models": len(models), "sql_seconds": round(time.perf_counter() - started, 3)}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
