"""Audit checks: metrics computed by dbt in the warehouse, judged by GX against thresholds.yaml.

Each audit whose metric is a table of periods gets one asset check on that table
(`quality/audit_catalog.py` says which table and which period). Every evaluation is appended to
`audit_history.evaluations`, the trail behind `marts.mart_quality_audit`. Backup completeness is the
ninth audit; its check sits on the backup asset (`assets/raw_backup.py`).
"""

from datetime import UTC, datetime

import dagster as dg
import duckdb
import pandas as pd

from orchestration.assets.raw_backup import RAW_BACKUP
from orchestration.check_results import audit_check_result
from orchestration.resources import WAREHOUSE_POOL, WarehouseResource
from quality.audit_catalog import JUDGED, METRIC_AUDITS, MetricAudit, periods_to_judge
from quality.audit_history import judged_periods, record_outcome
from quality.completeness_sample import SAMPLE_SQL, SampleResult, validate_sample
from quality.metric_audit import evaluate_metric
from quality.thresholds import load_thresholds

# The sample's row in the history, beside the period's pooled row (`<period> all records`).
SAMPLE = "100-record sample"


def sample_row(period: str, sample: SampleResult) -> dict[str, object]:
    """The standard's 100-record sample as one more judged row: the same band applies to it."""
    label = f"{period} {SAMPLE}"
    return {"period_start": period, "period": label, "value": sample.completeness, "sample_size": sample.size}


def judged_frame(audit: MetricAudit, connection: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, dict[str, object]]:
    """The rows GX judges for `audit` (`periods_to_judge`), and the evidence beside the verdict.

    Completeness is judged twice, as DESIGN §6 asks: on all records (every source pooled) and on
    the 100-record sample validated row by row; the worse of the two decides.
    """
    periods = connection.execute(audit.periods_sql).df()
    frame = periods_to_judge(periods, judged_periods(connection, audit.name))
    evidence: dict[str, object] = {}
    if audit.scope_evidence_sql:
        scopes = connection.execute(audit.scope_evidence_sql).fetchall()
        evidence["by_source"] = ", ".join(f"{scope} {value:.1%} of {size}" for scope, value, size in scopes) or "none"
    if audit.record_sample and not frame.empty:
        # The sample is of the records as they are now: it belongs to the latest period.
        period = str(frame["period_start"].max())
        # The standard's 100-record sample, drawn by hash so a re-run judges the same records.
        sample = validate_sample(connection.execute(SAMPLE_SQL).df())
        if sample.size:
            # First, so that when both rows share a verdict the check shows the all-records one.
            frame = pd.concat([pd.DataFrame([sample_row(period, sample)]), frame], ignore_index=True)
        evidence |= sample.as_metadata()
    return frame, evidence


def metric_audit_check(audit: MetricAudit) -> dg.AssetChecksDefinition:
    """The asset check of one metric audit; blocking exactly when thresholds.yaml says so."""
    standard = load_thresholds()[audit.name]

    @dg.asset_check(
        asset=dg.AssetKey(["audit", audit.model]),
        name=audit.name,
        blocking=standard.blocking,
        pool=WAREHOUSE_POOL,
        description=f"{standard.description} Standard: {standard.standard_text}; cadence {standard.cadence}.",
    )
    def check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.reader() as connection:
            frame, evidence = judged_frame(audit, connection)
        outcome = evaluate_metric(load_thresholds()[audit.name], JUDGED, frame)
        # Checks run one at a time in the warehouse pool, so this write never meets another writer.
        evaluated_at = datetime.now(UTC).replace(tzinfo=None)
        with warehouse.writer() as connection:
            record_outcome(connection, context.op_execution_context.run_id, outcome, evaluated_at)
        return audit_check_result(outcome, evidence)

    return check


audit_checks = [metric_audit_check(audit) for audit in METRIC_AUDITS]

# The audit trail the checks append to: an asset of its own, so the lineage runs from each metric
# through the checks' history to mart_quality_audit. Only checks write it; nothing materializes it.
audit_history = dg.AssetSpec(
    ["audit_history", "evaluations"],
    deps=[*(dg.AssetKey(["audit", audit.model]) for audit in METRIC_AUDITS), RAW_BACKUP],
    group_name="audit",
    kinds={"duckdb"},
    description="Every evaluation of every audit: run, check, period, value, threshold, tolerance, sample size, "
    "verdict. Appended by the audit checks (quality/audit_history.py), one row per run, check and period.",
)
