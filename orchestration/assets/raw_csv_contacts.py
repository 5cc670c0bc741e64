"""Customer sheets dropped as CSV under `<LANDING_DIR>/csv/contacts/`, each file landed once."""

import dagster as dg

from ingestion.csv_contacts import land_files
from ingestion.timestamps import utc_now
from orchestration.assets.landing_metadata import landing_metadata
from orchestration.assets.retry import SOURCE_RETRY
from orchestration.resources import WAREHOUSE_POOL, LandingResource, WarehouseResource


@dg.asset(
    key=["raw", "csv_contacts"],
    group_name="raw",
    kinds={"python", "duckdb"},
    retry_policy=SOURCE_RETRY,
    pool=WAREHOUSE_POOL,
    description="One row per data row of every customer sheet in LANDING_DIR/csv/contacts/*.csv; a file whose "
    "SHA-256 was landed before is skipped, a changed one replaces its rows; bad rows go to raw.quarantine.",
)
def csv_contacts(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, landing: LandingResource
) -> dg.MaterializeResult:
    with warehouse.raw_store() as store:
        summaries, unchanged = land_files(store, landing.path, utc_now())
    metadata = landing_metadata(summaries)
    context.log.info(
        f"landed {metadata['dagster/row_count'].value} rows from {len(summaries)} new or changed sheet(s), "
        f"quarantined {metadata['records_quarantined'].value}; {unchanged} sheet(s) unchanged"
    )
    return dg.MaterializeResult(metadata={**metadata, "files_unchanged": dg.MetadataValue.int(unchanged)})
