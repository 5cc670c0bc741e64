"""Warehouses holding one audit's metric table, shaped as the dbt model writes it, for check tests."""

from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.resources import WarehouseResource
from quality.audit_catalog import METRIC_AUDITS, MetricAudit

AUDITS = {audit.name: audit for audit in METRIC_AUDITS}


@dataclass(frozen=True)
class MetricRow:
    period: str
    value: float
    sample_size: int = 200
    scope: str = "csv_sheet"


# The contact tables the completeness sample reads: 100 complete records, so only the metric decides.
COMPLETE_CONTACTS_SQL = """
create schema if not exists staging; create schema if not exists seeds;
create table seeds.seed_allowed_industries as select 'Retail' as industry;
create table seeds.seed_allowed_contact_options as select * from (values
    ('budget_range', '10k-50k'), ('preferred_contact_time', 'morning')) as t(field_name, allowed_value);
create table staging.stg_csv__contacts as select 'c.csv:' || i as csv_row_id, 'Ann Lee' as contact_name,
    'Retail' as industry, 'printers' as product_interest, '10k-50k' as budget_range,
    'morning' as preferred_contact_time, '2026-03-01 10:00' as first_contact_text,
    date '2026-03-05' as last_follow_up_date from range(100) as r(i);
create table staging.stg_hubspot__contacts as select i::varchar as hubspot_contact_id, 'Bo Chen' as contact_name,
    'Retail' as industry, 'printers' as product_interest, '10k-50k' as budget_range,
    'morning' as preferred_contact_time, timestamp '2026-03-01 10:00' as created_at,
    date '2026-03-05' as last_follow_up_date, false as is_archived from range(0) as r(i);
"""


def create_metric_table(connection: duckdb.DuckDBPyConnection, audit: MetricAudit, rows: list[MetricRow]) -> None:
    """The model's columns the check reads; numerators follow from value x sample size."""
    t = audit.table
    columns = [f"{t.period_column} date", f"{t.value_column} double", f"{t.sample_size_column} bigint"]
    if audit.scope_column:
        columns.append(f"{audit.scope_column} varchar")
    if audit.numerator_column:
        columns.append(f"{audit.numerator_column} bigint")
    connection.execute(f"create schema if not exists audit; create table audit.{audit.model} ({', '.join(columns)})")
    for row in rows:
        values: list[object] = [row.period, row.value, row.sample_size]
        values += [row.scope] if audit.scope_column else []
        values += [round(row.value * row.sample_size)] if audit.numerator_column else []
        marks = ", ".join("?" for _ in values)
        connection.execute(f"insert into audit.{audit.model} values ({marks})", values)


def metric_warehouse(path: Path, name: str, rows: list[MetricRow]) -> WarehouseResource:
    """A warehouse with audit `name`'s metric table holding `rows` (and a complete sample if it has one)."""
    audit = AUDITS[name]
    with duckdb.connect(str(path)) as connection:
        create_metric_table(connection, audit, rows)
        if audit.record_sample:
            connection.execute(COMPLETE_CONTACTS_SQL)
    return WarehouseResource(path=str(path))
