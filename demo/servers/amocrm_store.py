"""The amoCRM / Kommo v4 read API over in-memory records: filters, page paging, embedded links.

Pure functions of the records and the query, so the paging rules are testable without HTTP. Rules
reproduced from the v4 documentation: `page` counts from 1, `limit` defaults to 50 and is capped at
250 (100 for events); `filter[updated_at][from|to]` (leads, contacts) and `filter[created_at][from|to]`
(events) are inclusive unix seconds; `_links.next` is offered whenever a page is full; and a page
with nothing on it, the first of an empty result or one past the end, is answered 204 with no body.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

Record = dict[str, Any]
Query = dict[str, list[str]]
# entity → (time field its filter reads, the largest `limit` the endpoint accepts)
ENTITIES = {"leads": ("updated_at", 250), "contacts": ("updated_at", 250), "events": ("created_at", 100)}


class BadRequest(ValueError):
    """A query amoCRM would answer with 400."""


@dataclass
class AmoCrmData:
    leads: list[Record]
    contacts: list[Record]
    events: list[Record]
    pipelines: Record

    @classmethod
    def from_dir(cls, folder: Path) -> AmoCrmData:
        """Load the four files `demo generate` writes under `crm/amocrm/`."""

        def load(name: str) -> Any:
            return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))

        return cls(load("leads"), load("contacts"), load("events"), load("pipelines"))

    def __post_init__(self) -> None:
        # A client pages through one filter 250 records at a time; filtering and sorting every record again for
        # each page made a pull quadratic in the records. They are read-only while a server runs, so each filter's
        # list is computed once and paged from (`selected.cache_clear()` after changing them).
        self.selected = lru_cache(maxsize=8)(self._filtered)

    def _filtered(self, entity: str, low: int | None, high: int | None, types: frozenset[str]) -> list[Record]:
        field = ENTITIES[entity][0]
        found = [
            r
            for r in self.records(entity)
            if (low is None or r[field] >= low)
            and (high is None or r[field] <= high)
            and (not types or r["type"] in types)
        ]
        # Leads and contacts page by id; events by time, the order the events list shows them in.
        return sorted(found, key=lambda r: (r[field], r["id"]) if entity == "events" else (r["id"],))

    def records(self, entity: str) -> list[Record]:
        return {"leads": self.leads, "contacts": self.contacts, "events": self.events}[entity]


def _number(query: Query, name: str, default: int | None = None) -> int | None:
    values = query.get(name)
    if not values:
        return default
    try:
        return int(values[0])
    except ValueError as error:
        raise BadRequest(f"{name} must be an integer") from error


def _selected(data: AmoCrmData, entity: str, query: Query) -> list[Record]:
    field = ENTITIES[entity][0]
    low, high = _number(query, f"filter[{field}][from]"), _number(query, f"filter[{field}][to]")
    types = frozenset(t for v in query.get("filter[type]", []) + query.get("filter[type][]", []) for t in v.split(","))
    return data.selected(entity, low, high, types)


def shape(record: Record, entity: str, base_url: str, with_contacts: bool, drop_id: str | None) -> Record:
    """The record as served: its own `_links`, a lead's contacts only when `with=contacts` asked."""
    out = {**record, "_links": {"self": {"href": f"{base_url}/api/v4/{entity}/{record['id']}"}}}
    if entity == "leads":
        embedded = dict(record["_embedded"])
        if not with_contacts:
            embedded.pop("contacts", None)
        out["_embedded"] = embedded
    if str(record["id"]) == drop_id:
        del out["id"]
    return out


def page(data: AmoCrmData, entity: str, query: Query, base_url: str, drop_id: str | None) -> Record | None:
    """One page of `entity` for the query, or None for amoCRM's empty 204 answer."""
    cap = ENTITIES[entity][1]
    number = _number(query, "page", 1) or 1
    limit = min(max(_number(query, "limit", 50) or 50, 1), cap)
    if number < 1:
        raise BadRequest("page must be 1 or more")
    chosen = _selected(data, entity, query)[(number - 1) * limit : number * limit]
    if not chosen:
        return None
    with_contacts = "contacts" in ",".join(query.get("with", [])).split(",")
    path = f"{base_url}/api/v4/{entity}"
    plain = {k: v[0] for k, v in query.items() if k != "page"}
    links = {"self": {"href": f"{path}?{urlencode({**plain, 'page': number})}"}}
    if len(chosen) == limit:
        links["next"] = {"href": f"{path}?{urlencode({**plain, 'page': number + 1})}"}
    records = [shape(r, entity, base_url, with_contacts, drop_id) for r in chosen]
    return {"_page": number, "_links": links, "_embedded": {entity: records}}
