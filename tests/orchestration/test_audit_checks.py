"""Audit checks judged on known-good and known-bad metric tables: each can pass, warn and fail."""

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.checks import audit_checks
from orchestration.resources import WarehouseResource

CHECKS = {spec.name: check for check in audit_checks for spec in check.check_specs}
DELIVERY_RATE = CHECKS["delivery_rate"]


def run_check(check: dg.AssetChecksDefinition, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return check(context=dg.build_asset_check_context(), warehouse=warehouse)


def metric_table(path: Path, rows: list[tuple[str, int, int]]) -> WarehouseResource:
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "create schema audit; create table audit.audit_delivery_rate_daily "
            "(sent_date date, sent bigint, delivered bigint, delivery_rate decimal(18, 6))"
        )
        for day, sent, delivered in rows:
            connection.execute(
                "insert into audit.audit_delivery_rate_daily values (?, ?, ?, ?)",
                [day, sent, delivered, delivered / sent],
            )
    return WarehouseResource(path=str(path))


def test_a_good_latest_day_passes(tmp_path: Path) -> None:
    warehouse = metric_table(tmp_path / "w.duckdb", [("2026-03-09", 100, 99), ("2026-03-10", 200, 196)])
    result = run_check(DELIVERY_RATE, warehouse)
    assert result.passed
    assert result.metadata["verdict"].value == "pass"
    assert result.metadata["periods_evaluated"].value == 2


def test_an_old_bad_day_fails_once_then_only_the_latest_day_is_judged(tmp_path: Path) -> None:
    warehouse = metric_table(tmp_path / "w.duckdb", [("2026-03-09", 100, 80), ("2026-03-10", 200, 196)])
    first = run_check(DELIVERY_RATE, warehouse)
    assert not first.passed
    assert first.metadata["period"].value == "2026-03-09"
    second = run_check(DELIVERY_RATE, warehouse)
    assert second.passed
    assert second.metadata["periods_evaluated"].value == 1
    assert second.metadata["period"].value == "2026-03-10"


def test_a_bad_latest_day_fails_blocking_with_the_evidence(tmp_path: Path) -> None:
    warehouse = metric_table(tmp_path / "w.duckdb", [("2026-03-09", 100, 99), ("2026-03-10", 200, 160)])
    result = run_check(DELIVERY_RATE, warehouse)
    assert not result.passed
    assert result.severity is dg.AssetCheckSeverity.ERROR
    assert result.metadata["value"].value == pytest.approx(0.80)
    assert result.metadata["threshold"].value == pytest.approx(0.95)
    assert result.metadata["sample_size"].value == 200
    assert result.metadata["periods_failing"].value == "2026-03-10"


def test_no_data_is_a_warning_not_a_pass(tmp_path: Path) -> None:
    result = run_check(DELIVERY_RATE, metric_table(tmp_path / "w.duckdb", []))
    assert not result.passed
    assert result.severity is dg.AssetCheckSeverity.WARN


def test_every_audit_with_a_metric_table_is_a_check() -> None:
    assert set(CHECKS) == {
        "delivery_rate",
        "median_response_time",
        "keyword_coverage",
        "auto_reply_trigger_rate",
        "csat",
        "customer_data_completeness",
        "tag_accuracy",
        "tag_distribution",
    }
