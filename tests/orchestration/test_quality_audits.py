"""CSAT, completeness and backup audits on known-good and known-bad fixtures, and the audit history."""

from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.assets.raw_backup import backup_completeness
from orchestration.checks import audit_checks
from orchestration.resources import BackupResource, WarehouseResource
from quality.raw_backup import back_up_raw

CHECKS = {spec.name: check for check in audit_checks for spec in check.check_specs}
CONTEXT = dg.build_asset_check_context


def csat_warehouse(path: Path, mean: float) -> WarehouseResource:
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "create schema audit; create table audit.audit_csat_weekly as "
            "select * from (values (date '2026-03-02', 40, 4.6), (date '2026-03-09', 50, ?)) "
            "as t(week_start_date, responses, csat_mean)",
            [mean],
        )
    return WarehouseResource(path=str(path))


@pytest.mark.parametrize(("mean", "passed"), [(4.1, True), (3.2, False)])
def test_csat_passes_above_and_fails_below_three_and_a_half(tmp_path: Path, mean: float, passed: bool) -> None:
    warehouse = csat_warehouse(tmp_path / "w.duckdb", mean)
    result = CHECKS["csat"](context=CONTEXT(), warehouse=warehouse)
    assert result.passed is passed
    assert result.metadata["period"].value == "2026-03-09"
    if not passed:
        assert result.severity is dg.AssetCheckSeverity.ERROR
        assert not next(iter(CHECKS["csat"].check_specs)).blocking


def test_every_evaluation_lands_once_in_the_audit_history(tmp_path: Path) -> None:
    warehouse = csat_warehouse(tmp_path / "w.duckdb", 3.2)
    for _ in range(2):
        CHECKS["csat"](context=CONTEXT(), warehouse=warehouse)
    with duckdb.connect(warehouse.path, read_only=True) as connection:
        rows = connection.execute(
            "select check_name, period, value, threshold, sample_size, verdict from audit_history.evaluations "
            "order by period"
        ).fetchall()
    # The first evaluation judges both weeks; the second only the latest, replacing its row.
    assert rows == [
        ("csat", "2026-03-02", pytest.approx(4.6), 3.5, 40, "pass"),
        ("csat", "2026-03-09", pytest.approx(3.2), 3.5, 50, "fail"),
    ]


def contact_warehouse(path: Path, csv_complete: int, hubspot_complete: int) -> WarehouseResource:
    """100 sheet rows and 100 HubSpot contacts, the first N of each complete, the rest missing an industry."""
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "create schema audit; create schema staging; create schema seeds;"
            "create table seeds.seed_allowed_industries as select 'Retail' as industry;"
            "create table seeds.seed_allowed_contact_options as select * from (values "
            "('budget_range', '10k-50k'), ('preferred_contact_time', 'morning')) as t(field_name, allowed_value);"
            "create table staging.stg_csv__contacts as select 'c.csv:' || i as csv_row_id, 'Ann Lee' as contact_name, "
            f"case when i < {csv_complete} then 'Retail' else 'Misc' end as industry, 'printers' as product_interest, "
            "'10k-50k' as budget_range, 'morning' as preferred_contact_time, '2026-03-01 10:00' as first_contact_text, "
            "date '2026-03-05' as last_follow_up_date from range(100) as r(i);"
            "create table staging.stg_hubspot__contacts as select i::varchar as hubspot_contact_id, "
            f"'Bo Chen' as contact_name, case when i < {hubspot_complete} then 'Retail' end as industry, "
            "'printers' as product_interest, '10k-50k' as budget_range, 'morning' as preferred_contact_time, "
            "timestamp '2026-03-01 10:00' as created_at, date '2026-03-05' as last_follow_up_date, "
            "false as is_archived from range(100) as r(i);"
            "create table audit.audit_customer_data_completeness_weekly as select * from (values "
            f"(date '2026-03-09', 'csv_sheet', 100, {csv_complete}, {csv_complete / 100}), "
            f"(date '2026-03-09', 'hubspot', 100, {hubspot_complete}, {hubspot_complete / 100})) "
            "as t(week_start_date, record_source, records, complete_records, completeness)"
        )
    return WarehouseResource(path=str(path))


def test_completeness_is_judged_on_all_records_of_every_source(tmp_path: Path) -> None:
    # The sheet alone (93 %) would warn; with HubSpot's 100 complete records the business keeps 96.5 %.
    warehouse = contact_warehouse(tmp_path / "w.duckdb", csv_complete=93, hubspot_complete=100)
    result = CHECKS["customer_data_completeness"](context=CONTEXT(), warehouse=warehouse)
    assert result.metadata["value"].value == pytest.approx(0.965)
    assert result.metadata["by_source"].value == "csv_sheet 93.0% of 100, hubspot 100.0% of 100"
    assert result.metadata["record_sample_size"].value == 100
    # The sample is drawn by hash over both sources: 7 off-list industries are somewhere in 200 records.
    assert 0.90 <= result.metadata["sample_completeness"].value <= 1.0


def test_a_sample_below_the_band_fails_even_when_all_records_pass(tmp_path: Path) -> None:
    """All records 96.5 %, but the sample is what the standard's auditor reads: its verdict counts too."""
    warehouse = contact_warehouse(tmp_path / "w.duckdb", csv_complete=93, hubspot_complete=100)
    with duckdb.connect(warehouse.path) as connection:
        connection.execute(
            "update staging.stg_hubspot__contacts set product_interest = null where hubspot_contact_id::int % 2 = 0"
        )
    result = CHECKS["customer_data_completeness"](context=CONTEXT(), warehouse=warehouse)
    assert result.severity is dg.AssetCheckSeverity.ERROR
    assert result.metadata["period"].value == "2026-03-09 100-record sample"
    assert "product_interest" in result.metadata["sample_failures_by_field"].value


def test_incomplete_records_fail_the_blocking_audit(tmp_path: Path) -> None:
    warehouse = contact_warehouse(tmp_path / "w.duckdb", csv_complete=80, hubspot_complete=60)
    result = CHECKS["customer_data_completeness"](context=CONTEXT(), warehouse=warehouse)
    assert result.severity is dg.AssetCheckSeverity.ERROR
    assert result.metadata["periods_failing"].value == "2026-03-09 100-record sample, 2026-03-09 all records"
    assert result.metadata["value"].value == pytest.approx(0.70)
    assert "industry" in result.metadata["sample_failures_by_field"].value
    assert result.metadata["sample_completeness"].value < 0.85


def backed_up(tmp_path: Path) -> tuple[WarehouseResource, BackupResource, Path]:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "create schema raw; create table raw.events as select i, 'payload ' || i as payload from range(50) t(i);"
            "create table raw.contacts as select i as id from range(7) t(i)"
        )
        folder = back_up_raw(connection, tmp_path / "backups", datetime(2026, 3, 1, 2, 0))
    return WarehouseResource(path=str(path)), BackupResource(backup_dir=str(tmp_path / "backups")), folder


def test_a_verified_backup_passes(tmp_path: Path) -> None:
    warehouse, backups, _ = backed_up(tmp_path)
    result = backup_completeness(context=CONTEXT(), warehouse=warehouse, backups=backups)
    assert result.passed
    assert result.metadata["value"].value == 1.0
    assert result.metadata["sample_size"].value == 2


def test_a_backup_file_that_lost_rows_fails(tmp_path: Path) -> None:
    warehouse, backups, folder = backed_up(tmp_path)
    with duckdb.connect() as connection:
        connection.execute(f"copy (select * from range(49) t(i)) to '{folder / 'events.parquet'}' (format parquet)")
    result = backup_completeness(context=CONTEXT(), warehouse=warehouse, backups=backups)
    assert not result.passed
    assert result.severity is dg.AssetCheckSeverity.ERROR
    assert result.metadata["value"].value == pytest.approx(0.5)
    assert result.metadata["tables_unverified"].value == "events"
