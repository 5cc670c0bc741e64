"""Does a floor build the same marts as the pipeline? Row count and each numeric column's total, per mart.

Totals are the sums of the pipeline mart's numeric columns, read from both sides by name: a column
the floor lacks is a difference. The hand-written floor builds into schema `floor`, the compiled
one into `marts` of its own copy of the warehouse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import duckdb

NUMERIC = ("INTEGER", "BIGINT", "DOUBLE", "HUGEINT", "FLOAT", "DECIMAL", "SMALLINT")


@dataclass(frozen=True)
class Verdict:
    """One pipeline mart against a floor's: `equal`, `differs`, or `missing` (the floor does not build it)."""

    mart: str
    status: str
    pipeline: tuple[float, ...]
    floor: tuple[float, ...] = ()


def numeric_columns(connection: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[str]]:
    """Each table of `schema` with its numeric columns, in their order."""
    rows = connection.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = ? order by table_name, ordinal_position",
        [schema],
    ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column, kind in rows:
        tables.setdefault(table, [])
        if kind.startswith(NUMERIC):
            tables[table].append(column)
    return tables


def totals(connection: duckdb.DuckDBPyConnection, relation: str, columns: list[str]) -> tuple[float, ...]:
    """The row count, then the sum of each column, rounded: the verification keys."""
    sums = [f'sum("{column}")' for column in columns]
    row = connection.execute(f"select {', '.join(['count(*)', *sums])} from {relation}").fetchone()
    return tuple(round(float(value or 0), 2) for value in row or ())


def compare(pipeline: Path, floor: Path, floor_schema: str, skip: frozenset[str] = frozenset()) -> list[Verdict]:
    """Every mart of the pipeline's warehouse (except `skip`) against the relation of that name in the floor's."""
    with duckdb.connect(str(pipeline), read_only=True) as connection:
        marts = numeric_columns(connection, "marts")
        expected = {mart: totals(connection, f"marts.{mart}", marts[mart]) for mart in sorted(set(marts) - skip)}
    with duckdb.connect(str(floor), read_only=True) as connection:
        built = numeric_columns(connection, floor_schema)
        verdicts = []
        for mart, reference in expected.items():
            if mart not in built:
                verdicts.append(Verdict(mart, "missing", reference))
                continue
            try:
                got = totals(connection, f"{floor_schema}.{mart}", marts[mart])
            except duckdb.BinderException:  # a column the floor lacks
                got = ()
            verdicts.append(Verdict(mart, "equal" if same(got, reference) else "differs", reference, got))
        return verdicts


def same(built: tuple[float, ...], expected: tuple[float, ...]) -> bool:
    """Equal counts and totals; sums of doubles may differ in the last digits with the order of addition."""
    return len(built) == len(expected) and all(
        math.isclose(a, b, rel_tol=1e-9, abs_tol=0.011) for a, b in zip(built, expected, strict=True)
    )
