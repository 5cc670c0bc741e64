"""The audit trail: every evaluation of every audit, one row per run, check and period.

Checks write it in Python (not dbt) because the verdict is only known once GX has judged the metric;
dbt then exposes the table to BI as `marts.mart_quality_audit`. A re-run of the same run, check and
period replaces its row, so retrying a check never double-counts it in the history.
"""

from collections.abc import Iterable
from datetime import datetime

import duckdb

from quality.metric_audit import AuditOutcome

CREATE_TABLE_SQL = """
create schema if not exists audit_history;
create table if not exists audit_history.evaluations (
    run_id varchar not null,
    check_name varchar not null,
    period varchar not null,
    value double,
    threshold double not null,
    tolerance double not null,
    direction varchar not null,
    unit varchar not null,
    sample_size bigint,
    verdict varchar not null,
    evaluated_at timestamp not null,
    primary key (run_id, check_name, period)
)
"""

UPSERT_SQL = """
insert or replace into audit_history.evaluations
    (run_id, check_name, period, value, threshold, tolerance, direction, unit, sample_size, verdict, evaluated_at)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def ensure_history_table(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the history table when a warehouse has none yet (a first run, a test fixture)."""
    connection.execute(CREATE_TABLE_SQL)


def history_rows(run_id: str, outcome: AuditOutcome, evaluated_at: datetime) -> Iterable[tuple[object, ...]]:
    """One row per period judged; an audit with nothing to judge still leaves a row, so gaps show."""
    audit = outcome.audit
    fixed = (audit.threshold, audit.tolerance, audit.direction, audit.unit)
    if not outcome.periods:
        yield (run_id, audit.name, "none", None, *fixed, 0, outcome.verdict.value, evaluated_at)
    verdict_of_problems = outcome.verdict.value if outcome.problems else None
    for period in outcome.periods:
        verdict = verdict_of_problems or period.verdict.value
        yield (run_id, audit.name, period.period, period.value, *fixed, period.sample_size, verdict, evaluated_at)


def record_outcome(
    connection: duckdb.DuckDBPyConnection, run_id: str, outcome: AuditOutcome, evaluated_at: datetime
) -> int:
    """Append (or replace) the outcome's rows; returns how many were written."""
    ensure_history_table(connection)
    rows = list(history_rows(run_id, outcome, evaluated_at))
    connection.executemany(UPSERT_SQL, rows)
    return len(rows)


def judged_periods(connection: duckdb.DuckDBPyConnection, check_name: str) -> set[str]:
    """The periods `check_name` has been judged on before (none in a warehouse without history yet)."""
    exists = connection.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'audit_history' and table_name = 'evaluations'"
    ).fetchone()[0]
    if not exists:
        return set()
    rows = connection.execute(
        "select distinct period from audit_history.evaluations where check_name = ?", [check_name]
    ).fetchall()
    return {row[0] for row in rows}
