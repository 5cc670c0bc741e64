"""HubSpot's CRM search API: every record modified since a cursor, past the 10,000-result cap.

A search query pages at most 10,000 results deep (HubSpot answers 400 beyond), and records that
share one modified timestamp can number more than that. So each query is sorted by
`hs_object_id` and filtered to ids above the last one seen; when a query reaches the cap, a new
query restarts after that id. Every matching record is read exactly once, however many share a
timestamp.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from ingestion.http_client import SourceClient
from ingestion.landing import numeric_id

SEARCH_PAGE_SIZE = 200  # the search endpoint's maximum
SEARCH_RESULT_CAP = 10_000
MODIFIED_PROPERTY = {"contacts": "lastmodifieddate", "deals": "hs_lastmodifieddate"}
ASSOCIATION_BATCH_SIZE = 1000  # the v4 associations batch read's maximum


def search_body(
    object_type: str, since_ms: int, after_id: int, properties: Sequence[str], after: str | None
) -> dict[str, Any]:
    """One search request: modified at or after `since_ms`, ids above `after_id`, in id order."""
    body: dict[str, Any] = {
        "filterGroups": [
            {
                "filters": [
                    {"propertyName": MODIFIED_PROPERTY[object_type], "operator": "GTE", "value": str(since_ms)},
                    {"propertyName": "hs_object_id", "operator": "GT", "value": str(after_id)},
                ]
            }
        ],
        "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
        "properties": list(properties),
        "limit": SEARCH_PAGE_SIZE,
    }
    if after is not None:
        body["after"] = after
    return body


def record_number(record: Any) -> int | None:
    """The numeric id HubSpot sorts by, from `id` or `properties.hs_object_id`."""
    if not isinstance(record, dict):
        return None
    properties = record.get("properties")
    for value in (record.get("id"), properties.get("hs_object_id") if isinstance(properties, dict) else None):
        if (number := numeric_id(value)) is not None:
            return number
    return None


def search_modified_since(
    client: SourceClient, object_type: str, since_ms: int, properties: Sequence[str]
) -> Iterator[list[Any]]:
    """Yield pages of records modified at or after `since_ms`, restarting queries at the cap."""
    path = f"/crm/v3/objects/{object_type}/search"
    last_id = 0
    while True:
        # One query pages by offset over a fixed id floor; only a restart raises the floor.
        floor, after, read_in_query = last_id, None, 0
        while True:
            document = client.request(
                "POST", path, json=search_body(object_type, since_ms, floor, properties, after)
            ).json()
            results = document.get("results") or []
            if results:
                yield results
            numbers = [n for n in map(record_number, results) if n is not None]
            last_id = max([last_id, *numbers])
            read_in_query += len(results)
            after = ((document.get("paging") or {}).get("next") or {}).get("after")
            capped = after is not None and int(after) >= SEARCH_RESULT_CAP
            if capped or (after is None and read_in_query < int(document.get("total") or 0) and numbers):
                break  # the query hit the cap: restart after the last id seen
            if after is None:
                return


def deal_contact_ids(client: SourceClient, deal_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each deal's associated contact ids (v4 batch read); search results carry no associations."""
    found: dict[str, list[str]] = {}
    for start in range(0, len(deal_ids), ASSOCIATION_BATCH_SIZE):
        inputs = [{"id": deal_id} for deal_id in deal_ids[start : start + ASSOCIATION_BATCH_SIZE]]
        document = client.request(
            "POST", "/crm/v4/associations/deals/contacts/batch/read", json={"inputs": inputs}
        ).json()
        for result in document.get("results") or []:
            found[str(result["from"]["id"])] = [str(link["toObjectId"]) for link in result.get("to") or []]
    return found
