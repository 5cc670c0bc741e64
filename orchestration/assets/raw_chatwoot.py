"""Chatwoot conversations (with their messages), agents and CSAT responses, from the v1 application API.

One step lands all four with one client, so the instance's per-IP limit is kept by one rate limiter.
Conversations and messages are one pull (each conversation's messages are read as it is listed) but
two assets, because dbt reads them as two tables.
"""

from collections.abc import Iterator

import dagster as dg

from ingestion.chatwoot import land_agents, land_conversations, land_csat_responses
from ingestion.timestamps import utc_now
from orchestration.assets.landing_metadata import landing_metadata
from orchestration.assets.retry import SOURCE_RETRY
from orchestration.resources import WAREHOUSE_POOL, ChatwootResource, WarehouseResource

DESCRIPTIONS = {
    "conversations": "Chatwoot conversations (status, labels, contact with phone, assignee), whole records, "
    "in day windows of their last activity, incremental by last activity with a look-back.",
    "messages": "Every message of each conversation pulled (incoming, outgoing, activity, template; "
    "private notes; sender type), in its conversation's window.",
    "agents": "The Chatwoot account's agents (name, role, availability), full pull.",
    "csat_responses": "CSAT survey responses (rating 1-5, conversation, assigned agent), by created day.",
}


def _key(entity: str) -> list[str]:
    return ["raw", f"chatwoot_{entity}"]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(_key(entity), group_name="raw", kinds={"python", "duckdb"}, description=text)
        for entity, text in DESCRIPTIONS.items()
    ],
    retry_policy=SOURCE_RETRY,
    pool=WAREHOUSE_POOL,
)
def chatwoot_raw(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, chatwoot: ChatwootResource
) -> Iterator[dg.MaterializeResult]:
    api = chatwoot.api()
    if api is None:
        context.log.info(
            "Chatwoot is not configured (CHATWOOT_BASE_URL, CHATWOOT_API_TOKEN, CHATWOOT_ACCOUNT_ID unset): skipped"
        )
        for entity in DESCRIPTIONS:
            yield dg.MaterializeResult(asset_key=_key(entity), metadata={"skipped": "Chatwoot not configured"})
        return
    try:
        with warehouse.raw_store() as store:
            pulled = land_conversations(store, api, utc_now())
            for entity in ("conversations", "messages"):
                summaries = [s for s in pulled if s.entity == entity]
                yield dg.MaterializeResult(asset_key=_key(entity), metadata=landing_metadata(summaries))
            yield dg.MaterializeResult(
                asset_key=_key("agents"), metadata=landing_metadata(land_agents(store, api, utc_now()))
            )
            yield dg.MaterializeResult(
                asset_key=_key("csat_responses"), metadata=landing_metadata(land_csat_responses(store, api, utc_now()))
            )
    finally:
        api.close()
