"""HubSpot CRM v3: contacts and deals modified since the last pull, landed whole.

Every property value comes back as a string (or null); the payload is kept as HubSpot sent it, with
a deal's contact associations and `dealstage` history attached in the objects API's shape, and the
models cast.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ingestion.bearer_client import bearer_client
from ingestion.http_client import RetrySettings, SourceClient
from ingestion.hubspot_search import deal_contact_ids, search_modified_since
from ingestion.hubspot_stages import attach_stage_histories, deal_stage_histories
from ingestion.landing import LandingSummary, WindowBatch, add_record, record_id
from ingestion.raw_store import RawStore
from ingestion.raw_tables import HUBSPOT_CONTACTS, HUBSPOT_DEALS
from ingestion.timestamps import parse_iso_timestamp

SOURCE = "hubspot"
# Records reach HubSpot's search index seconds to minutes after they change: each pull re-reads
# the last hour so a late-indexed change is never skipped.
LOOKBACK_MS = 60 * 60 * 1000
# HubSpot allows 100 requests per 10 s on a Free/Starter private app; stay just under it.
DEFAULT_REQUESTS_PER_SECOND = 9.0

CONTACT_PROPERTIES = (
    "firstname",
    "lastname",
    "email",
    "phone",
    "mobilephone",
    "country",
    "hs_country_region_code",
    "createdate",
    "lastmodifieddate",
    "lifecyclestage",
    "industry",
    "company_size",
    "contact_role",
    "product_interest",
    "budget_range",
    "preferred_contact_time",
    "last_follow_up_date",
)
DEAL_PROPERTIES = (
    "dealname",
    "amount",
    "deal_currency_code",
    "dealstage",
    "pipeline",
    "closedate",
    "createdate",
    "hs_is_closed_won",
    "hs_lastmodifieddate",
    "lead_source",
)


def hubspot_client(
    base_url: str,
    access_token: str,
    retry: RetrySettings | None = None,
    requests_per_second: float = DEFAULT_REQUESTS_PER_SECOND,
) -> SourceClient:
    """The shared client with HubSpot's bearer auth and rate limit."""
    return bearer_client(SOURCE, base_url, access_token, "HUBSPOT_ACCESS_TOKEN", requests_per_second, retry)


def search_window(cursor_ms: int | None, lookback_ms: int = LOOKBACK_MS) -> int:
    """The modified-since bound of the next pull: the cursor less the look-back, or 0 for all."""
    return 0 if cursor_ms is None else max(0, cursor_ms - lookback_ms)


def land_contacts(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    return _land(store, client, "contacts", CONTACT_PROPERTIES, extracted_at)


def land_deals(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    return _land(store, client, "deals", DEAL_PROPERTIES, extracted_at)


def _land(
    store: RawStore,
    client: SourceClient,
    object_type: str,
    properties: Sequence[str],
    extracted_at: datetime,
) -> LandingSummary:
    """Land everything modified since the stored cursor (less the look-back), then move the cursor.

    The window is named by its modified-since bound and committed with the new cursor, so a pull
    that died is re-read as the same window and replaces it: no gap, no duplicate.
    """
    stored = store.cursor(SOURCE, object_type)
    cursor_ms = int(stored) if stored is not None else None
    since = search_window(cursor_ms)
    batch = WindowBatch(SOURCE, object_type, f"modified_since:{since}", extracted_at)
    for page, results in enumerate(search_modified_since(client, object_type, since, properties), start=1):
        if object_type == "deals":
            ids = [key for key in map(record_id, results) if key is not None]
            attach_contacts(results, deal_contact_ids(client, ids))
            attach_stage_histories(results, deal_stage_histories(client, ids))
        for position, record in enumerate(results, start=1):
            add_record(batch, record, f"{object_type} search page {page} #{position}", "updatedAt", updated_at)
    newest = max((int(row[3].replace(tzinfo=UTC).timestamp() * 1000) for row in batch.rows), default=None)
    next_cursor = max(filter(None, (cursor_ms, newest)), default=None)
    return store.replace_window_and_cursor(
        TABLES[object_type], batch, None if next_cursor is None else str(next_cursor)
    )


def attach_contacts(deals: list[Any], contacts_by_deal: dict[str, list[str]]) -> None:
    """Give each deal the `associations` block the objects API would have returned with it."""
    for deal in deals:
        key = record_id(deal)
        if key is not None:
            linked = contacts_by_deal.get(key, [])
            deal["associations"] = {
                "contacts": {"results": [{"id": contact_id, "type": "deal_to_contact"} for contact_id in linked]}
            }


def updated_at(record: dict[str, Any]) -> datetime | None:
    """The version's time: `updatedAt`, an ISO timestamp, when it is a plausible one."""
    return parse_iso_timestamp(record.get("updatedAt"))


TABLES = {"contacts": HUBSPOT_CONTACTS, "deals": HUBSPOT_DEALS}
