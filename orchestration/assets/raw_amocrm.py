"""amoCRM leads, contacts, lead status changes and pipelines, landed whole from the Kommo v4 API.

One step lands all four with one client, so the account's limit of 7 requests per second is kept
by one rate limiter rather than shared blindly between parallel pulls.
"""

from collections.abc import Iterator

import dagster as dg

from ingestion.amocrm import land_contacts, land_events, land_leads, land_pipelines
from ingestion.timestamps import utc_now
from orchestration.assets.landing_metadata import landing_metadata
from orchestration.assets.retry import SOURCE_RETRY
from orchestration.resources import WAREHOUSE_POOL, AmoCrmResource, WarehouseResource

LANDERS = {
    "leads": (land_leads, "amoCRM leads (status, price, tags, main contact), whole records, by updated_at."),
    "contacts": (land_contacts, "amoCRM contacts (phones as free-text PHONE field values), by updated_at."),
    "events": (land_events, "amoCRM lead_status_changed events: each lead's stage history, by created_at."),
    "pipelines": (land_pipelines, "amoCRM lead pipelines with their statuses (142 won, 143 lost), full pull."),
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", f"amocrm_{entity}"], group_name="raw", kinds={"python", "duckdb"}, description=text)
        for entity, (_, text) in LANDERS.items()
    ],
    retry_policy=SOURCE_RETRY,
    pool=WAREHOUSE_POOL,
)
def amocrm_raw(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, amocrm: AmoCrmResource
) -> Iterator[dg.MaterializeResult]:
    client = amocrm.client()
    if client is None:
        context.log.info("amoCRM is not configured (AMOCRM_BASE_URL, AMOCRM_ACCESS_TOKEN unset): skipped")
        for entity in LANDERS:
            yield dg.MaterializeResult(
                asset_key=["raw", f"amocrm_{entity}"], metadata={"skipped": "amoCRM not configured"}
            )
        return
    try:
        with warehouse.raw_store() as store:
            for entity, (lander, _) in LANDERS.items():
                summary = lander(store, client, utc_now())
                yield dg.MaterializeResult(asset_key=["raw", f"amocrm_{entity}"], metadata=landing_metadata([summary]))
    finally:
        client.close()
