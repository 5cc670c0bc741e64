"""`python -m bench.floor_compiled WAREHOUSE MANIFEST`: the project's models as one plain DuckDB script.

What one DuckDB process needs to build the same relations from the same raw tables with the
project's own SQL but no dbt, no Dagster, no tests and no audits: each model's compiled SQL, in
dependency order, as `create or replace view/table`. Against the pipeline it answers "what do the
framework and the checks cost on top of the SQL?"; against the hand-written floor (bench/floor.py),
"what does the SQL itself waste?".
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
