"""Contact identifiers: every phone and WhatsApp user id, normalised and keyed once."""

import dagster as dg

from ingestion.identity import key_new_identifiers
from ingestion.timestamps import utc_now
from orchestration.resources import WAREHOUSE_POOL, IdentityResource, WarehouseResource


@dg.asset(
    key=["raw", "contact_identifiers"],
    group_name="raw",
    deps=[
        ["raw", "whatsapp_webhook_events"],
        ["raw", "hubspot_contacts"],
        ["raw", "chatwoot_conversations"],
        ["raw", "amocrm_contacts"],
        ["raw", "csv_contacts"],
    ],
    kinds={"python", "duckdb"},
    pool=WAREHOUSE_POOL,
    description="E.164 form, region and pseudonymous contact_key (HMAC-SHA256 with PII_HASH_SALT) of "
    "every phone string and business-scoped user id in the raw layer; only new ones are parsed.",
)
def contact_identifiers(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, identity: IdentityResource
) -> dg.MaterializeResult:
    with warehouse.raw_store() as store:
        added = key_new_identifiers(store, identity.pii_hash_salt, utc_now())
        total, valid = store.identifier_counts()
    context.log.info(f"keyed {added} new identifiers; {valid} of {total} are valid")
    return dg.MaterializeResult(
        metadata={
            "new_identifiers": dg.MetadataValue.int(added),
            "dagster/row_count": dg.MetadataValue.int(total),
            "valid_identifiers": dg.MetadataValue.int(valid),
        }
    )
