"""The run summary's audit table: each audit with its verdict, value, standard and the period judged."""

from pathlib import Path

import dagster as dg

from orchestration.summary import describe_checks
from tests.orchestration.test_alert_delivery import CHECKS, METRICS, audit_warehouse


def test_the_summary_prints_every_audit_with_value_standard_and_verdict(tmp_path: Path) -> None:
    result = dg.materialize(
        [*METRICS, *CHECKS],
        selection=dg.AssetSelection.checks(*CHECKS),
        resources={"warehouse": audit_warehouse(tmp_path / "w.duckdb")},
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    header, *audits, tests = describe_checks([result])
    assert header.split() == ["audit", "value", "standard", "worst", "period", "judged"]
    assert [line.split()[:3] for line in audits] == [
        ["csat", "FAIL", "3.10"],
        ["delivery_rate", "FAIL", "91.0%"],
        ["median_response_time", "WARN", "16.5"],
    ]
    assert audits[1].endswith("at least 95.0%                      2026-03-10")
    assert "at most 15.0 min (warn to 18.0 min)" in audits[2]
    assert tests == "dbt data tests: 0 passed, 0 warned, 0 failed"
