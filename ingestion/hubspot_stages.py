"""HubSpot deal stages: the portal's pipelines and each deal's stage history.

Stage ids are per portal (a custom pipeline's stages are numbers), so their labels, order and
outcome come from `GET /crm/v3/pipelines/deals`, landed whole. Search results carry no property
history, so each deal's `dealstage` history is read with the batch read's `propertiesWithHistory`
and kept on the deal's payload, as the objects API returns it: newest version first.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ingestion.full_pull import land_full
from ingestion.http_client import SourceClient
from ingestion.landing import LandingSummary, record_id
from ingestion.raw_store import RawStore
from ingestion.raw_tables import HUBSPOT_PIPELINES

PIPELINES_PATH = "/crm/v3/pipelines/deals"
BATCH_READ_PATH = "/crm/v3/objects/deals/batch/read"
BATCH_READ_SIZE = 50  # the batch read's limit when property history is asked for


def land_pipelines(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    """Every deal pipeline with its stages, a full pull: the version is the one seen at `extracted_at`."""
    pipelines = client.request("GET", PIPELINES_PATH).json().get("results") or []
    return land_full(store, HUBSPOT_PIPELINES, "hubspot", "pipelines", pipelines, extracted_at)


def deal_stage_histories(client: SourceClient, deal_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Each deal's `dealstage` versions (value, timestamp, source), as the batch read returns them."""
    found: dict[str, list[Any]] = {}
    for start in range(0, len(deal_ids), BATCH_READ_SIZE):
        body = {
            "properties": ["dealstage"],
            "propertiesWithHistory": ["dealstage"],
            "inputs": [{"id": deal_id} for deal_id in deal_ids[start : start + BATCH_READ_SIZE]],
        }
        for result in client.request("POST", BATCH_READ_PATH, json=body).json().get("results") or []:
            history = (result.get("propertiesWithHistory") or {}).get("dealstage")
            identifier = record_id(result)
            if identifier is not None and isinstance(history, list):
                found[identifier] = history
    return found


def attach_stage_histories(deals: list[Any], histories: dict[str, list[Any]]) -> None:
    """Give each deal the `propertiesWithHistory` block the objects API returns when history is asked for."""
    for deal in deals:
        if isinstance(deal, dict) and str(deal.get("id")) in histories:
            deal["propertiesWithHistory"] = {"dealstage": histories[str(deal["id"])]}
