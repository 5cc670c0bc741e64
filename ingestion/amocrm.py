"""amoCRM / Kommo API v4: leads, contacts, lead status changes and pipelines, landed whole.

Leads and contacts are read by `updated_at`, status-change events by `created_at` (events never
change), each from the stored cursor less a look-back up to the time the pull started, page by page
until amoCRM answers 204: it offers `_links.next` whenever a page is full and answers the page past
the end with an empty 204, so the 204 is the one end-of-list signal that always holds. The window is
named by its lower bound and committed with the new cursor, as for HubSpot. Pipelines are a small
full pull.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from ingestion.bearer_client import bearer_client
from ingestion.full_pull import land_full
from ingestion.http_client import RetrySettings, SourceClient
from ingestion.landing import LandingSummary, WindowBatch, add_record
from ingestion.raw_store import RawStore
from ingestion.raw_tables import AMOCRM_CONTACTS, AMOCRM_EVENTS, AMOCRM_LEADS, AMOCRM_PIPELINES, RawTable
from ingestion.timestamps import from_unix_seconds

SOURCE = "amocrm"
# amoCRM allows 7 requests per second per integration; evenly spaced at 6, a late packet never makes 8.
DEFAULT_REQUESTS_PER_SECOND = 6.0
# A record saved while a pull was paging can carry an updated_at just before that pull's newest one:
# each pull re-reads the last hour, and versions it already holds are not landed twice.
LOOKBACK_SECONDS = 60 * 60


@dataclass(frozen=True)
class Endpoint:
    """One list endpoint: where it is, what dates its records, how many fit on a page."""

    entity: str
    path: str
    table: RawTable
    time_field: str
    page_size: int
    params: Mapping[str, str] = field(default_factory=dict)


LEADS = Endpoint("leads", "/api/v4/leads", AMOCRM_LEADS, "updated_at", 250, {"with": "contacts"})
CONTACTS = Endpoint("contacts", "/api/v4/contacts", AMOCRM_CONTACTS, "updated_at", 250)
EVENTS = Endpoint("events", "/api/v4/events", AMOCRM_EVENTS, "created_at", 100, {"filter[type]": "lead_status_changed"})


def amocrm_client(
    base_url: str,
    access_token: str,
    retry: RetrySettings | None = None,
    requests_per_second: float = DEFAULT_REQUESTS_PER_SECOND,
) -> SourceClient:
    """The shared client with amoCRM's bearer auth (a long-lived token) and rate limit."""
    return bearer_client(SOURCE, base_url, access_token, "AMOCRM_ACCESS_TOKEN", requests_per_second, retry)


def iter_pages(client: SourceClient, endpoint: Endpoint, params: Mapping[str, Any]) -> Iterator[tuple[int, list[Any]]]:
    """Yield (page number, records) from page 1 until a 204 (or, defensively, an empty page)."""
    number = 1
    while (document := client.get_json(endpoint.path, {**params, "page": number})) is not None:
        embedded = document.get("_embedded") if isinstance(document, dict) else None
        records = embedded.get(endpoint.entity) if isinstance(embedded, dict) else None
        if not isinstance(records, list) or not records:
            return
        yield number, records
        number += 1


def land(
    store: RawStore, client: SourceClient, endpoint: Endpoint, extracted_at: datetime, lookback: int = LOOKBACK_SECONDS
) -> LandingSummary:
    """Land what changed since the stored cursor (less the look-back), then move the cursor."""
    stored = store.cursor(SOURCE, endpoint.entity)
    since = None if stored is None else max(0, int(stored) - lookback)
    until = int(extracted_at.replace(tzinfo=UTC).timestamp())
    params: dict[str, Any] = {**endpoint.params, "limit": endpoint.page_size}
    params[f"filter[{endpoint.time_field}][to]"] = until
    if since is not None:
        params[f"filter[{endpoint.time_field}][from]"] = since
    batch = WindowBatch(SOURCE, endpoint.entity, f"since:{since or 0}", extracted_at)
    moments = [] if stored is None else [int(stored)]
    for number, records in iter_pages(client, endpoint, params):
        for position, record in enumerate(records, start=1):
            locator = f"{endpoint.entity} page {number} #{position}"
            moment = add_record(batch, record, locator, endpoint.time_field, partial(record_time, endpoint.time_field))
            moments += [] if moment is None else [int(moment.replace(tzinfo=UTC).timestamp())]
    newest = max(moments, default=None)
    return store.replace_window_and_cursor(endpoint.table, batch, None if newest is None else str(newest))


def land_leads(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    return land(store, client, LEADS, extracted_at)


def land_contacts(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    return land(store, client, CONTACTS, extracted_at)


def land_events(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    return land(store, client, EVENTS, extracted_at)


def land_pipelines(store: RawStore, client: SourceClient, extracted_at: datetime) -> LandingSummary:
    """Every pipeline with its statuses, a full pull: the version is the one seen at `extracted_at`."""
    document = client.get_json("/api/v4/leads/pipelines") or {}
    pipelines = (document.get("_embedded") or {}).get("pipelines") or []
    return land_full(store, AMOCRM_PIPELINES, SOURCE, "pipelines", pipelines, extracted_at)


def record_time(time_field: str, record: dict[str, Any]) -> datetime | None:
    """`time_field` as amoCRM writes it, whole unix seconds; a float or an implausible time is no time.

    The cursor is the newest of these as an integer, so only an integer may become one.
    """
    moment = record.get(time_field)
    return from_unix_seconds(moment) if isinstance(moment, int) else None
