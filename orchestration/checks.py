"""Audit checks: metrics computed by dbt in the warehouse, judged by GX against thresholds.yaml.

Each audit whose metric is a table of periods gets one asset check on that table. The check judges
the latest period (the one just built): older periods were judged when they were built, and the
history of verdicts belongs to the audit trail, not to today's check.
"""

from dataclasses import dataclass

import dagster as dg

from orchestration.check_results import audit_check_result
from orchestration.resources import WarehouseResource
from quality.metric_audit import MetricTable, evaluate_metric
from quality.thresholds import load_thresholds


@dataclass(frozen=True)
class MetricAudit:
    """An audit of thresholds.yaml and the dbt model in schema `audit` that measures it."""

    name: str
    model: str
    table: MetricTable

    @property
    def latest_period_sql(self) -> str:
        t = self.table
        return (
            f"select {t.period_column}, {t.value_column}, {t.sample_size_column} from audit.{self.model} "
            f"where {t.period_column} = (select max({t.period_column}) from audit.{self.model})"
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
    def check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.reader() as connection:
            frame = connection.execute(audit.latest_period_sql).df()
        return audit_check_result(evaluate_metric(load_thresholds()[audit.name], audit.table, frame))

    return check


audit_checks = [metric_audit_check(audit) for audit in METRIC_AUDITS]
