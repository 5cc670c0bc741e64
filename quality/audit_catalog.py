"""Where each audit's metric lives in the warehouse, and which of its periods a check judges.

The metrics are dbt models in schema `audit` (numerators, denominators, values per period); this
module only knows their shape. A check judges the latest period of its table (the build may have
changed it) and every period the audit history has never judged, so each period is judged at least
once, when it is first built, and an old failure is not failed again on every later build.
"""

from dataclasses import dataclass

import pandas as pd

from quality.metric_audit import MetricTable

# What a pooled row measured, beside the period: every record of every source.
ALL_RECORDS = "all records"


@dataclass(frozen=True)
class MetricAudit:
    """An audit of thresholds.yaml and the dbt model in schema `audit` that measures it.

    A metric split by `scope_column` is judged one of two ways. With a `numerator_column`, the scopes
    are pooled into one share (completeness: every record the business keeps, whichever system keeps
    it), and each scope's share is only evidence. Without one, every scope is judged on its own and
    the worst decides (tag distribution: each source's tags are their own tagging practice).
    """

    name: str
    model: str
    table: MetricTable
    scope_column: str | None = None
    numerator_column: str | None = None
    record_sample: bool = False

    @property
    def periods_sql(self) -> str:
        """Every period of the table: `period_start`, its `period` label, `value`, `sample_size`.

        The label is what the audit history records: `<period>` alone, `<period> <scope>` for a
        scope judged on its own, `<period> all records` for pooled scopes.
        """
        t = self.table
        start = f"cast({t.period_column} as varchar)"
        if self.scope_column and self.numerator_column:
            return (
                f"select {start} as period_start, {start} || ' {ALL_RECORDS}' as period, "
                f"sum({self.numerator_column}) / sum({t.sample_size_column}) as value, "
                f"sum({t.sample_size_column}) as sample_size from audit.{self.model} "
                f"group by {t.period_column} order by period"
            )
        label = f"{start} || ' ' || {self.scope_column}" if self.scope_column else start
        return (
            f"select {start} as period_start, {label} as period, {t.value_column} as value, "
            f"{t.sample_size_column} as sample_size from audit.{self.model} order by period"
        )

    @property
    def scope_evidence_sql(self) -> str | None:
        """Each scope's value in the latest period, for the check's metadata when scopes are pooled."""
        if not (self.scope_column and self.numerator_column):
            return None
        t = self.table
        return (
            f"select {self.scope_column} as scope, {t.value_column} as value, {t.sample_size_column} as sample_size "
            f"from audit.{self.model} "
            f"where {t.period_column} = (select max({t.period_column}) from audit.{self.model}) order by scope"
        )


def periods_to_judge(periods: pd.DataFrame, judged_before: set[str]) -> pd.DataFrame:
    """The latest period (the build may have changed it) and every period never judged before.

    So a first build judges its whole history once, and a daily build judges the day it added.
    """
    if periods.empty:
        return periods
    latest = periods["period_start"] == periods["period_start"].max()
    return periods[latest | ~periods["period"].isin(judged_before)].reset_index(drop=True)


# Every judged frame has the same three columns, whatever the model calls them.
JUDGED = MetricTable("period", "value", "sample_size")

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
        numerator_column="complete_records",
        record_sample=True,
    ),
    MetricAudit(
        "tag_accuracy",
        "audit_tag_accuracy_weekly",
        MetricTable("week_start_date", "tag_accuracy", "verifiable_assignments"),
    ),
    MetricAudit(
        "tag_distribution",
        "audit_tag_distribution_monthly",
        MetricTable("month_start_date", "largest_tag_share", "tagged_contacts"),
        scope_column="tag_source",
    ),
)
