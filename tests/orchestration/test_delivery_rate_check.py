"""The delivery-rate audit judged on known-good and known-bad metric tables: it can fail."""

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.checks import delivery_rate_check
from orchestration.resources import WarehouseResource


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
    warehouse = metric_table(tmp_path / "w.duckdb", [("2026-03-09", 100, 80), ("2026-03-10", 200, 196)])
    result = delivery_rate_check(warehouse=warehouse)
    assert result.passed
    assert result.metadata["verdict"].value == "pass"
    assert result.metadata["period"].value == "2026-03-10"


def test_a_bad_latest_day_fails_blocking_with_the_evidence(tmp_path: Path) -> None:
    warehouse = metric_table(tmp_path / "w.duckdb", [("2026-03-09", 100, 99), ("2026-03-10", 200, 160)])
    result = delivery_rate_check(warehouse=warehouse)
    assert not result.passed
    assert result.severity is dg.AssetCheckSeverity.ERROR
    assert result.metadata["value"].value == pytest.approx(0.80)
    assert result.metadata["threshold"].value == pytest.approx(0.95)
    assert result.metadata["sample_size"].value == 200
    assert result.metadata["periods_failing"].value == "2026-03-10"


def test_no_data_is_a_warning_not_a_pass(tmp_path: Path) -> None:
    result = delivery_rate_check(warehouse=metric_table(tmp_path / "w.duckdb", []))
    assert not result.passed
    assert result.severity is dg.AssetCheckSeverity.WARN
