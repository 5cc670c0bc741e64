"""HubSpot contacts, deals and deal pipelines, landed whole from the CRM v3 API."""

from collections.abc import Callable

import dagster as dg

from ingestion.hubspot import land_contacts, land_deals
from ingestion.hubspot_stages import land_pipelines
from ingestion.landing import LandingSummary
from ingestion.timestamps import utc_now
from orchestration.assets.landing_metadata import landing_metadata
from orchestration.assets.retry import SOURCE_RETRY
from orchestration.resources import WAREHOUSE_POOL, HubSpotResource, WarehouseResource


def hubspot_asset(entity: str, lander: Callable[..., LandingSummary], description: str) -> dg.AssetsDefinition:
    """A raw asset landing one HubSpot object type; skipped, with one log line, when unconfigured."""

    @dg.asset(
        key=["raw", f"hubspot_{entity}"],
        group_name="raw",
        retry_policy=SOURCE_RETRY,
        pool=WAREHOUSE_POOL,
        kinds={"python", "duckdb"},
        description=description,
    )
    def land(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource, hubspot: HubSpotResource
    ) -> dg.MaterializeResult:
        client = hubspot.client()
        if client is None:
            context.log.info("HubSpot is not configured (HUBSPOT_BASE_URL, HUBSPOT_ACCESS_TOKEN unset): skipped")
            return dg.MaterializeResult(metadata={"skipped": "HubSpot not configured"})
        try:
            with warehouse.raw_store() as store:
                summary = lander(store, client, utc_now())
        finally:
            client.close()
        return dg.MaterializeResult(metadata=landing_metadata([summary]))

    return land


hubspot_contacts = hubspot_asset(
    "contacts", land_contacts, "HubSpot CRM contacts (phones in free text, custom properties), whole records."
)
hubspot_deals = hubspot_asset(
    "deals", land_deals, "HubSpot CRM deals with their contact associations and stage history, whole records."
)
hubspot_pipelines = hubspot_asset(
    "pipelines", land_pipelines, "HubSpot deal pipelines with their stages (ids are per portal), full pull."
)
