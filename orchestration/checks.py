"""Audit checks: metrics computed by dbt in the warehouse, judged by GX against thresholds.yaml."""

import dagster as dg

from orchestration.check_results import audit_check_result
from orchestration.resources import WarehouseResource
from quality.metric_audit import MetricTable, evaluate_metric
from quality.thresholds import load_thresholds

DELIVERY_RATE_TABLE = MetricTable(period_column="sent_date", value_column="delivery_rate", sample_size_column="sent")


@dg.asset_check(
    asset=dg.AssetKey(["audit", "audit_delivery_rate_daily"]),
    name="delivery_rate",
    blocking=True,
    description="Delivery rate ≥ 95 % (delivered or read / sent outbound messages) on the latest day.",
)
def delivery_rate_check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    # Daily cadence: the day just built is judged; older days were judged when they were built.
    with warehouse.reader() as connection:
        frame = connection.execute(
            "select sent_date, delivery_rate, sent from audit.audit_delivery_rate_daily "
            "where sent_date = (select max(sent_date) from audit.audit_delivery_rate_daily)"
        ).df()
    return audit_check_result(evaluate_metric(load_thresholds()["delivery_rate"], DELIVERY_RATE_TABLE, frame))
