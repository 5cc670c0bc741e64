"""Turns a quality/ audit outcome into a Dagster asset-check result an operator can read."""

from collections.abc import Mapping

import dagster as dg

from quality.metric_audit import AuditOutcome
from quality.thresholds import Verdict

SEVERITY = {Verdict.WARN: dg.AssetCheckSeverity.WARN, Verdict.FAIL: dg.AssetCheckSeverity.ERROR}


def audit_check_result(
    outcome: AuditOutcome, extra_metadata: Mapping[str, object] | None = None
) -> dg.AssetCheckResult:
    """pass → passed; warn → failed with WARN severity (never blocks); fail → failed with ERROR.

    `extra_metadata` carries evidence beside the verdict (the completeness sample), never changing it.
    """
    audit = outcome.audit
    verdict = outcome.verdict
    worst = outcome.worst_period
    failing = [p.period for p in outcome.periods if p.verdict is Verdict.FAIL]
    metadata: dict[str, dg.RawMetadataValue] = {
        "verdict": verdict.value,
        "threshold": audit.threshold,
        "threshold_text": audit.format(audit.threshold),
        "standard": audit.standard_text,
        "tolerance": audit.tolerance,
        "direction": audit.direction,
        "periods_evaluated": len(outcome.periods),
        "periods_failing": ", ".join(failing[:20]) or "none",
    }
    if worst is not None:
        metadata |= {
            "period": worst.period,
            "value": worst.value if worst.value is not None else "missing",
            "value_text": audit.format(worst.value),
            "sample_size": worst.sample_size,
        }
    if outcome.problems:
        metadata["problems"] = "; ".join(outcome.problems)
    if not outcome.periods and not outcome.problems:
        metadata["problems"] = "no data to judge in this window"
    metadata |= extra_metadata or {}
    return dg.AssetCheckResult(
        passed=verdict is Verdict.PASS,
        severity=SEVERITY.get(verdict, dg.AssetCheckSeverity.WARN),
        metadata=metadata,
        description=f"{audit.description} Verdict: {verdict.value}.",
    )
