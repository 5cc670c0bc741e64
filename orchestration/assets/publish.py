"""The publish step: after a checked build, the marts as a read-only snapshot for BI tools, and the report.

It depends on every mart and every audit metric model, and on the raw backup, so each blocking
check on them (thresholds.yaml `blocking: true`, and backup completeness) that fails with ERROR
stops it in the same run; a warning never does. The previous snapshot then stays published.
A publish launched alone reads the latest evaluations of those checks and refuses while a blocking
one stands failed (orchestration/publish_gate.py).
"""

from datetime import UTC, datetime

import dagster as dg

from orchestration.assets.dbt_models import dbt_models
from orchestration.assets.raw_backup import RAW_BACKUP
from orchestration.publish_gate import checks_on, failed_blocking_checks
from orchestration.resources import WAREHOUSE_POOL, PublishResource, WarehouseResource
from serving.publish import publish

PUBLISHED_MARTS = dg.AssetKey(["serving", "published_marts"])
GATED_LAYERS = ("marts", "audit")


def gated_upstream() -> list[dg.AssetKey]:
    """Every dbt mart and audit model (new ones join by themselves), and the raw backup."""
    keys = (key for models in dbt_models for key in models.keys)
    models = sorted((key for key in keys if key.path[0] in GATED_LAYERS), key=lambda key: key.path)
    return [*models, RAW_BACKUP]


@dg.asset(
    key=PUBLISHED_MARTS,
    group_name="serving",
    deps=gated_upstream(),
    pool=WAREHOUSE_POOL,
    kinds={"duckdb", "parquet", "html"},
    description="Every mart exported to PUBLISH_DIR/snapshots/<version>/ (Parquet and a DuckDB file of views) with "
    "the HTML report, then PUBLISH_DIR/current switched to it in one rename. BI tools open "
    "PUBLISH_DIR/current/analytics.duckdb read-only and never lock the pipeline out.",
)
def published_marts(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, publishing: PublishResource
) -> dg.MaterializeResult:
    refused = failed_blocking_checks(context.instance, checks_on(gated_upstream()))
    if refused:
        failed = {f"{record.key.asset_key.to_user_string()}:{record.key.name}": record.run_id for record in refused}
        raise dg.Failure(
            description=f"not published: {len(failed)} blocking check(s) upstream stand failed",
            metadata={"failed_blocking_checks": dg.MetadataValue.json(failed)},
        )
    publication = publish(warehouse.path, publishing.path, publishing.keep(), datetime.now(UTC), context.run.run_id)
    snapshot = publication.snapshot
    context.log.info(f"published snapshot {snapshot.version}; removed {len(publication.removed)} old snapshots")
    return dg.MaterializeResult(
        metadata={
            "report": dg.MetadataValue.path(str(publication.report)),
            "report_url": dg.MetadataValue.url(publication.report.as_uri()),
            "published_database": dg.MetadataValue.path(str(publication.published_database)),
            "snapshot": dg.MetadataValue.path(str(snapshot.path)),
            "version": snapshot.version,
            "tables": len(snapshot.tables),
            "dagster/row_count": sum(snapshot.tables.values()),
            "row_counts": dg.MetadataValue.json(snapshot.tables),
            "snapshots_removed": len(publication.removed),
        }
    )
