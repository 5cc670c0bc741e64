"""The audit verdict logic, fed known-good and known-bad metric tables so it is seen to fail."""

import pandas as pd
import pytest

from quality.metric_audit import MetricTable, evaluate_metric
from quality.thresholds import Verdict, load_thresholds

TABLE = MetricTable(period_column="period", value_column="value", sample_size_column="sample")


def frame(values: list[float | None], samples: list[int] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": [f"2026-01-{i + 1:02d}" for i in range(len(values))],
            "value": values,
            "sample": samples or [100] * len(values),
        }
    )


@pytest.fixture(scope="module")
def thresholds():
    return load_thresholds()


def test_every_audit_of_the_standard_is_configured(thresholds) -> None:
    assert set(thresholds) == {
        "customer_data_completeness",
        "tag_accuracy",
        "auto_reply_trigger_rate",
        "keyword_coverage",
        "median_response_time",
        "backup_completeness",
        "tag_distribution",
        "delivery_rate",
        "csat",
    }
    assert thresholds["customer_data_completeness"].threshold == 0.95
    assert thresholds["tag_accuracy"].threshold == 0.90


@pytest.mark.parametrize(
    ("values", "expected"),
    [([0.99, 0.97], Verdict.PASS), ([0.96, 0.93], Verdict.WARN), ([0.96, 0.91], Verdict.FAIL)],
)
def test_at_least_audit_passes_warns_and_fails_by_the_band(thresholds, values, expected) -> None:
    outcome = evaluate_metric(thresholds["customer_data_completeness"], TABLE, frame(values))
    assert outcome.verdict is expected


@pytest.mark.parametrize(("minutes", "expected"), [(12, Verdict.PASS), (17, Verdict.WARN), (19, Verdict.FAIL)])
def test_at_most_audit_passes_warns_and_fails_by_the_band(thresholds, minutes, expected) -> None:
    outcome = evaluate_metric(thresholds["median_response_time"], TABLE, frame([minutes]))
    assert outcome.verdict is expected


def test_delivery_rate_has_no_warn_band(thresholds) -> None:
    outcome = evaluate_metric(thresholds["delivery_rate"], TABLE, frame([0.97, 0.949]))
    assert outcome.verdict is Verdict.FAIL
    assert [p.verdict for p in outcome.periods] == [Verdict.PASS, Verdict.FAIL]
    assert outcome.worst_period.period == "2026-01-02"


def test_missing_value_or_empty_sample_fails_outright(thresholds) -> None:
    assert evaluate_metric(thresholds["delivery_rate"], TABLE, frame([None])).verdict is Verdict.FAIL
    outcome = evaluate_metric(thresholds["delivery_rate"], TABLE, frame([0.99], samples=[0]))
    assert outcome.verdict is Verdict.FAIL
    assert "sample size" in outcome.problems[0]


def test_no_rows_is_a_warning_not_a_pass(thresholds) -> None:
    assert evaluate_metric(thresholds["delivery_rate"], TABLE, frame([])).verdict is Verdict.WARN
