"""Audit checks: metrics computed by dbt in the warehouse, judged by GX against thresholds.yaml.

Each audit whose metric is a table of periods gets one asset check on that table. The check judges
the latest period (the one just built): older periods were judged when they were built. Every
evaluation is appended to `audit_history.evaluations`, the trail behind `marts.mart_quality_audit`.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import dagster as dg

from orchestration.check_results import audit_check_result
from orchestration.resources import WarehouseResource
from quality.audit_history import record_outcome
from quality.completeness_sample import SAMPLE_SQL, validate_sample
from quality.metric_audit import MetricTable, evaluate_metric, period_text
from quality.thresholds import load_thresholds


@dataclass(frozen=True)
class MetricAudit:
    """An audit of thresholds.yaml and the dbt model in schema `audit` that measures it.

    `scope_column` splits a period into scopes judged apart (completeness per record source), so the
    worst of the `judged_scopes` decides and the history names it. `record_sample` adds the standard's row-level
    validation of a 100-record sample to the check's metadata.
    """

    name: str
    model: str
    table: MetricTable
    scope_column: str | None = None
    judged_scopes: tuple[str, ...] = ()
    record_sample: bool = False

    @property
    def latest_period_sql(self) -> str:
        t = self.table
        scope = f", {self.scope_column}" if self.scope_column else ""
        judged = ", ".join(f"'{name}'" for name in self.judged_scopes)
        only = f" and {self.scope_column} in ({judged})" if self.judged_scopes else ""
        return (
            f"select {t.period_column}, {t.value_column}, {t.sample_size_column}{scope} from audit.{self.model} "
            f"where {t.period_column} = (select max({t.period_column}) from audit.{self.model}){only}"
        )


METRIC_AUDITS = (
    MetricAudit("delivery_rate", "audit_delivery_rate_daily", MetricTable("sent_date", "delivery_rate", "sent")),
    MetricAudit(
        "median_response_time",
        "audit_median_response_time_weekly",
        MetricTable("week_start_date", "median_response_minutes", "answered_turns"),
    ),
    MetricAudit(
        "keyword_coverage",
        "audit_keyword_coverage_monthly",
        MetricTable("audit_date", "keyword_coverage", "inquiries"),
    ),
    MetricAudit(
        "auto_reply_trigger_rate",
        "audit_auto_reply_trigger_rate_weekly",
        MetricTable("week_start_date", "auto_reply_trigger_rate", "triggering_messages"),
    ),
    MetricAudit("csat", "audit_csat_weekly", MetricTable("week_start_date", "csat_mean", "responses")),
    MetricAudit(
        "customer_data_completeness",
        "audit_customer_data_completeness_weekly",
        MetricTable("week_start_date", "completeness", "records"),
        scope_column="record_source",
        # The verdict is the team's sheet's (the standard's register); HubSpot's rows stay in the metric table
        # and the sample as evidence, because its demo contacts are planted far below the standard on purpose.
        judged_scopes=("csv_sheet",),
        record_sample=True,
    ),
)


def metric_audit_check(audit: MetricAudit) -> dg.AssetChecksDefinition:
    """The asset check of one metric audit; blocking exactly when thresholds.yaml says so."""
    standard = load_thresholds()[audit.name]

    @dg.asset_check(
        asset=dg.AssetKey(["audit", audit.model]),
        name=audit.name,
        blocking=standard.blocking,
        description=f"{standard.description} Standard: {standard.direction.replace('_', ' ')} {standard.threshold:g}.",
    )
    def check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.reader() as connection:
            frame = connection.execute(audit.latest_period_sql).df()
            # The standard's 100-record sample, drawn by hash so a re-run judges the same records.
            sample = connection.execute(SAMPLE_SQL).df() if audit.record_sample else None
        if audit.scope_column:
            periods = frame[audit.table.period_column].map(period_text).astype(str)
            frame[audit.table.period_column] = periods + " " + frame[audit.scope_column]
        outcome = evaluate_metric(load_thresholds()[audit.name], audit.table, frame)
        # Checks run one at a time in the run's process after dbt, so this write never meets another writer.
        evaluated_at = datetime.now(UTC).replace(tzinfo=None)
        with warehouse.writer() as connection:
            record_outcome(connection, context.op_execution_context.run_id, outcome, evaluated_at)
        extra = validate_sample(sample).as_metadata() if sample is not None else None
        return audit_check_result(outcome, extra)

    return check


audit_checks = [metric_audit_check(audit) for audit in METRIC_AUDITS]
