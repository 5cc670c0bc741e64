"""WhatsApp webhook events, landed per received day from the landing directory."""

from datetime import date

import dagster as dg

from ingestion.timestamps import utc_now
from ingestion.whatsapp_webhooks import land_days
from orchestration.assets.landing_metadata import landing_metadata
from orchestration.assets.retry import SOURCE_RETRY
from orchestration.partitions import daily_partitions
from orchestration.resources import WAREHOUSE_POOL, LandingResource, WarehouseResource


@dg.asset(
    key=["raw", "whatsapp_webhook_events"],
    group_name="raw",
    partitions_def=daily_partitions,
    # A backfill lands its whole range in one run: a day is seconds of work, a run start is more.
    backfill_policy=dg.BackfillPolicy.single_run(),
    kinds={"python", "duckdb"},
    retry_policy=SOURCE_RETRY,
    pool=WAREHOUSE_POOL,
    description="Every message and status event of the WhatsApp Cloud API webhooks received that day, "
    "payload kept whole; unreadable records go to raw.quarantine with the reason.",
)
def whatsapp_webhook_events(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, landing: LandingResource
) -> dg.MaterializeResult:
    extracted_at = utc_now()
    with warehouse.raw_store() as store:
        days = [date.fromisoformat(day) for day in context.partition_keys]
        summaries = land_days(store, landing.path, days, extracted_at)
    window = context.partition_key_range
    metadata = landing_metadata(summaries)
    metadata["partition_window"] = dg.MetadataValue.text(f"{window.start} … {window.end}")
    context.log.info(
        f"landed {metadata['dagster/row_count'].value} webhook events over {len(summaries)} day(s), "
        f"quarantined {metadata['records_quarantined'].value}"
    )
    return dg.MaterializeResult(metadata=metadata)
