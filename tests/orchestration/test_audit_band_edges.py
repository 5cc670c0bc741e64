"""Every metric audit at the edges of its band: pass at the threshold, warn at the tolerance's end, fail past it.

The values come from thresholds.yaml, so a changed standard moves the fixtures with it; each check
runs against a real DuckDB file holding its metric table as the dbt model shapes it.
"""

from pathlib import Path

import dagster as dg
import pytest

from orchestration.checks import audit_checks
from orchestration.definitions import ASSET_CHECKS
from quality.thresholds import AuditThreshold, load_thresholds
from tests.orchestration.audit_fixtures import AUDITS, MetricRow, metric_warehouse

CHECKS = {spec.name: check for check in audit_checks for spec in check.check_specs}
STANDARDS = load_thresholds()
# A step past an edge, in each unit's own scale.
STEP = {"rate": 0.001, "minutes": 0.1, "score": 0.01}
SCOPE = {"tag_distribution": "amocrm"}


def past(standard: AuditThreshold, bound: float) -> float:
    """Just beyond `bound`, on the wrong side of the standard."""
    step = STEP[standard.unit]
    return bound - step if standard.direction == "at_least" else bound + step


def edges() -> list[tuple[str, float, str]]:
    cases = []
    for name in AUDITS:
        standard = STANDARDS[name]
        cases.append((name, standard.threshold, "pass"))
        if standard.tolerance:
            cases.append((name, standard.warn_bound, "warn"))
        cases.append((name, past(standard, standard.warn_bound), "fail"))
    return cases


def expected_label(name: str, period: str) -> str:
    audit = AUDITS[name]
    if audit.numerator_column:
        return f"{period} all records"
    return f"{period} {SCOPE[name]}" if audit.scope_column else period


@pytest.mark.parametrize(("name", "value", "verdict"), edges())
def test_each_audit_passes_warns_and_fails_at_its_band_edges(
    tmp_path: Path, name: str, value: float, verdict: str
) -> None:
    standard = STANDARDS[name]
    scope = SCOPE.get(name, "csv_sheet")
    rows = [
        MetricRow("2026-03-02", standard.threshold, 1000, scope),
        MetricRow("2026-03-09", value, 1000, scope),
    ]
    warehouse = metric_warehouse(tmp_path / "w.duckdb", name, rows)
    result = CHECKS[name](context=dg.build_asset_check_context(), warehouse=warehouse)
    assert result.metadata["verdict"].value == verdict
    assert result.passed is (verdict == "pass")
    if verdict != "pass":
        expected = dg.AssetCheckSeverity.ERROR if verdict == "fail" else dg.AssetCheckSeverity.WARN
        assert result.severity is expected
        assert result.metadata["period"].value == expected_label(name, "2026-03-09")
        assert result.metadata["value"].value == pytest.approx(value)
    assert result.metadata["standard"].value == standard.standard_text


def test_every_audit_of_the_standard_is_a_check() -> None:
    names = {spec.name for check in ASSET_CHECKS for spec in check.check_specs}
    assert names == set(STANDARDS)


def test_blocking_follows_the_configuration() -> None:
    for name, check in CHECKS.items():
        [spec] = check.check_specs
        assert spec.blocking is STANDARDS[name].blocking, name
