"""Judges an audit's metric table (computed in SQL by dbt) against its threshold, with GX.

Each row of a metric table is one period (a day, a week, a month) with a value and the sample it
was measured on. Two GX bounds split the verdict: inside the threshold → pass, inside the
tolerance band → warn, beyond it → fail. Structural expectations (a value, a non-empty sample)
fail the audit outright, because a missing measurement must never read as a good one.
"""

from dataclasses import dataclass, field

import great_expectations as gx
import pandas as pd

from quality.gx_runtime import validate_frame
from quality.thresholds import AuditThreshold, Verdict

SEVERITY = {Verdict.PASS: 0, Verdict.WARN: 1, Verdict.FAIL: 2}


@dataclass(frozen=True)
class MetricTable:
    """Where an audit's metric lives: the period, value and sample-size columns."""

    period_column: str
    value_column: str
    sample_size_column: str


@dataclass(frozen=True)
class PeriodResult:
    period: str
    value: float | None
    sample_size: int
    verdict: Verdict


@dataclass
class AuditOutcome:
    """The verdict over every period evaluated, the worst one winning."""

    audit: AuditThreshold
    periods: list[PeriodResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> Verdict:
        if self.problems:
            return Verdict.FAIL
        if not self.periods:
            return Verdict.WARN
        return max((p.verdict for p in self.periods), key=SEVERITY.__getitem__)

    @property
    def worst_period(self) -> PeriodResult | None:
        """The worst period; among equals the last (periods come in order), so a clean run shows the latest."""
        if not self.periods:
            return None
        return max(reversed(self.periods), key=lambda p: SEVERITY[p.verdict])


def period_text(value: object) -> str:
    """A period as people write it: `2026-03-10` for a day, not pandas' `2026-03-10 00:00:00`."""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return str(value)


def bound_expectation(audit: AuditThreshold, column: str, bound: float, role: str) -> gx.expectations.Expectation:
    limit = {"min_value": bound} if audit.direction == "at_least" else {"max_value": bound}
    return gx.expectations.ExpectColumnValuesToBeBetween(column=column, meta={"role": role}, **limit)


def evaluate_metric(audit: AuditThreshold, table: MetricTable, frame: pd.DataFrame) -> AuditOutcome:
    """Validate every period of `frame` and return per-period verdicts and structural problems."""
    outcome = AuditOutcome(audit)
    if frame.empty:
        return outcome
    frame = frame.reset_index(drop=True)
    expectations = [
        gx.expectations.ExpectColumnValuesToNotBeNull(column=table.value_column, meta={"role": "value"}),
        gx.expectations.ExpectColumnValuesToBeBetween(
            column=table.sample_size_column, min_value=1, meta={"role": "sample"}
        ),
        bound_expectation(audit, table.value_column, audit.threshold, "threshold"),
        bound_expectation(audit, table.value_column, audit.warn_bound, "tolerance"),
    ]
    result = validate_frame(frame, f"audit_{audit.name}", expectations)
    # GX does not keep the suite's order in its results: find each by the role we tagged it with.
    by_role = {r.expectation_config.meta["role"]: r for r in result.results}
    not_null, sample = by_role["value"], by_role["sample"]
    within_threshold, within_tolerance = by_role["threshold"], by_role["tolerance"]
    for check, what in ((not_null, "value is null"), (sample, "sample size below 1")):
        if not check.success:
            rows = check.result.get("unexpected_index_list") or []
            periods = ", ".join(period_text(frame.loc[i, table.period_column]) for i in rows[:5])
            outcome.problems.append(f"{what} for {len(rows)} period(s): {periods}")
    outside_threshold = set(within_threshold.result.get("unexpected_index_list") or [])
    outside_tolerance = set(within_tolerance.result.get("unexpected_index_list") or [])
    for index, row in frame.iterrows():
        verdict = Verdict.PASS
        if index in outside_tolerance:
            verdict = Verdict.FAIL
        elif index in outside_threshold:
            verdict = Verdict.WARN
        value = row[table.value_column]
        outcome.periods.append(
            PeriodResult(
                period=period_text(row[table.period_column]),
                value=None if pd.isna(value) else float(value),
                sample_size=int(row[table.sample_size_column]),
                verdict=verdict,
            )
        )
    return outcome
