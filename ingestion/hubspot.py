"""HubSpot CRM v3: contacts and deals, paged with the `after` cursor, landed whole.

Every property value comes back as a string (or null); the payload is kept as HubSpot sent it and
the models cast. This pull reads the full object list; the window key says so.
"""

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import orjson

from ingestion.http_client import RetrySettings, SourceClient
from ingestion.landing import LandingSummary, WindowBatch
from ingestion.raw_store import RawStore
from ingestion.raw_tables import HUBSPOT_CONTACTS, HUBSPOT_DEALS
from ingestion.timestamps import parse_iso_timestamp

SOURCE = "hubspot"
FULL_WINDOW = "full"
PAGE_SIZE = 100  # the list endpoint's maximum
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
    return SourceClient(
        source=SOURCE,
        base_url=base_url,
        auth_headers={"Authorization": f"Bearer {access_token}"},
        token_variable="HUBSPOT_ACCESS_TOKEN",
        requests_per_second=requests_per_second,
        retry=retry or RetrySettings(),
    )


def iter_pages(
    client: SourceClient, object_type: str, properties: Sequence[str], associations: Sequence[str] = ()
) -> Iterator[tuple[int, list[Any]]]:
    """Yield (page number, results) following `paging.next.after` until HubSpot stops giving one."""
    params: dict[str, Any] = {"limit": PAGE_SIZE, "properties": ",".join(properties), "archived": "false"}
    if associations:
        params["associations"] = ",".join(associations)
    page = 0
    while True:
        page += 1
        document = client.get_json(f"/crm/v3/objects/{object_type}", params) or {}
        results = document.get("results") or []
        yield page, results
        after = ((document.get("paging") or {}).get("next") or {}).get("after")
        if not after:
            return
        params["after"] = after


def land_contacts(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    batch = read_objects(client, "contacts", CONTACT_PROPERTIES, (), extracted_at)
    return store.replace_window(HUBSPOT_CONTACTS, batch)


def land_deals(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    batch = read_objects(client, "deals", DEAL_PROPERTIES, ("contacts",), extracted_at)
    return store.replace_window(HUBSPOT_DEALS, batch)


def read_objects(
    client: SourceClient,
    object_type: str,
    properties: Sequence[str],
    associations: Sequence[str],
    extracted_at: datetime,
) -> WindowBatch:
    batch = WindowBatch(SOURCE, object_type, FULL_WINDOW, extracted_at)
    for page, results in iter_pages(client, object_type, properties, associations):
        for position, record in enumerate(results, start=1):
            add_record(batch, record, locator=f"{object_type} page {page} #{position}")
    return batch


def add_record(batch: WindowBatch, record: Any, locator: str) -> None:
    """Land a record keyed by `id` and dated by `updatedAt`, or quarantine it with the reason."""
    payload = orjson.dumps(record).decode("utf-8")
    if not isinstance(record, dict) or not isinstance(record.get("id"), str | int) or record["id"] == "":
        batch.quarantine(locator, payload, "record without an id")
        return
    updated_at = parse_iso_timestamp(record.get("updatedAt"))
    if updated_at is None:
        batch.quarantine(locator, payload, f"record {record['id']} without a valid updatedAt")
        return
    batch.rows.append((batch.window_key, str(record["id"]), payload, updated_at, batch.extracted_at))
