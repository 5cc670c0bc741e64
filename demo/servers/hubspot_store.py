"""The HubSpot CRM v3 read API over in-memory records: property selection, cursor paging, search.

Pure functions of the records and the request, so the paging and search rules are testable without
HTTP. Rules reproduced from HubSpot's documentation: `limit` defaults to 10 and is capped at 100
(200 for search); `after` is an opaque cursor; `properties` returns only those named plus the ids
and dates HubSpot always adds; search pages stop at 10,000 results.
"""

from __future__ import annotations

import base64
import json
import operator as op
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

Record = dict[str, Any]
ALWAYS = {
    "contacts": ("createdate", "hs_object_id", "lastmodifieddate"),
    "deals": ("createdate", "hs_lastmodifieddate", "hs_object_id"),
}
DEFAULTS = {
    "contacts": ("firstname", "lastname", "email"),
    "deals": ("dealname", "amount", "dealstage", "pipeline", "closedate"),
}
SEARCH_CAP = 10_000
_OPERATORS = {"EQ": op.eq, "NEQ": op.ne, "GT": op.gt, "GTE": op.ge, "LT": op.lt, "LTE": op.le}


class BadRequest(ValueError):
    """A request HubSpot would answer with 400 VALIDATION_ERROR."""


@dataclass
class HubSpotData:
    contacts: list[Record]
    deals: list[Record]
    pipelines: dict[str, Any] = field(default_factory=lambda: {"results": []})

    def __post_init__(self) -> None:
        self.contacts = sorted(self.contacts, key=lambda r: int(r["id"]))
        self.deals = sorted(self.deals, key=lambda r: int(r["id"]))
        # A client pages through one search 200 results at a time; filtering and sorting every record again for
        # each page made a pull quadratic in the records. They are read-only while a server runs, so a search's
        # result list is computed once and paged from (`found.cache_clear()` after changing them).
        self.found = lru_cache(maxsize=8)(self._found)

    def _found(self, kind: str, criteria: str) -> list[Record]:
        """The records of `kind` a search's `filterGroups` and `sorts` (as JSON) select, in its order."""
        body = json.loads(criteria)
        groups = body.get("filterGroups") or [{"filters": []}]
        found = [
            r for r in self.objects(kind) if any(all(_matches(r, f) for f in g.get("filters", [])) for g in groups)
        ]
        for sort in reversed(body.get("sorts") or []):
            name, descending = (
                (sort, False)
                if isinstance(sort, str)
                else (sort["propertyName"], sort.get("direction") == "DESCENDING")
            )
            found.sort(key=lambda r, n=name: _sort_key(r, n), reverse=descending)
        return found

    @classmethod
    def from_dir(cls, folder: Path) -> HubSpotData:
        """Load `contacts.json`, `deals.json` and `pipelines.json` as `demo generate` writes them."""

        def load(name: str) -> Any:
            return json.loads((folder / name).read_text(encoding="utf-8"))

        pipelines = load("pipelines.json") if (folder / "pipelines.json").exists() else {"results": []}
        return cls(load("contacts.json"), load("deals.json"), pipelines)

    def objects(self, kind: str) -> list[Record]:
        return self.contacts if kind == "contacts" else self.deals


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"{position}\n".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        return int(base64.urlsafe_b64decode(cursor.encode()).decode())
    except ValueError as error:
        raise BadRequest(f"Invalid input: after={cursor!r} is not a valid cursor") from error


def shape(record: Record, kind: str, names: list[str] | None, associations: bool, drop_id: str | None) -> Record:
    """The record as the API returns it: chosen properties, associations only when asked."""
    wanted = [*(names if names is not None else DEFAULTS[kind]), *ALWAYS[kind]]
    properties = {n: record["properties"][n] for n in sorted(set(wanted)) if n in record["properties"]}
    out = {
        "id": record["id"],
        "properties": properties,
        "createdAt": record["createdAt"],
        "updatedAt": record["updatedAt"],
        "archived": record.get("archived", False),
    }
    if associations and "associations" in record:
        out["associations"] = record["associations"]
    if record["id"] == drop_id:
        del out["id"]
    return out


def list_page(records: list[Record], limit: int, after: str | None) -> tuple[list[Record], str | None]:
    """One page of `records` (sorted by id) and the cursor of the next page, None on the last."""
    start = decode_cursor(after) if after else 0
    page = records[start : start + limit]
    return page, encode_cursor(start + limit) if start + limit < len(records) else None


def _comparable(value: str | None) -> float | str | None:
    """Dates and epoch-ms strings compare as epoch ms, numbers as numbers, the rest as text."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000
    except ValueError:
        return value


def _matches(record: Record, rule: dict[str, Any]) -> bool:
    value = record["properties"].get(rule["propertyName"])
    operator = rule.get("operator", "EQ")
    if operator in {"HAS_PROPERTY", "NOT_HAS_PROPERTY"}:
        return (value not in (None, "")) == (operator == "HAS_PROPERTY")
    if operator not in _OPERATORS:
        raise BadRequest(f"Unsupported operator {operator}")
    left, right = _comparable(value), _comparable(str(rule.get("value")))
    if left is None or type(left) is not type(right):
        return operator == "NEQ"
    return bool(_OPERATORS[operator](left, right))


def _sort_key(record: Record, name: str) -> tuple[bool, bool, float | str]:
    """Missing values last; numbers and dates before text."""
    value = _comparable(record["properties"].get(name))
    return value is None, isinstance(value, str), 0.0 if value is None else value


def search(data: HubSpotData, kind: str, body: dict[str, Any]) -> tuple[list[Record], int, str | None]:
    """(page, total, next cursor) for a search body: OR of filter groups, AND inside one, then sorts."""
    criteria = {"filterGroups": body.get("filterGroups"), "sorts": body.get("sorts")}
    found = data.found(kind, json.dumps(criteria, sort_keys=True))
    limit, start = min(int(body.get("limit", 10)), 200), int(body.get("after") or 0)
    if start >= SEARCH_CAP:
        raise BadRequest("Paging past 10000 results is not supported. Narrow the search and page again.")
    end = start + limit
    return found[start:end], len(found), str(end) if end < len(found) and end < SEARCH_CAP else None


# HubSpot-defined association type of a deal to its contact (CRM v4 associations API).
DEAL_TO_CONTACT_TYPE_ID = 3
ASSOCIATION_BATCH_LIMIT = 1000


def associations_batch(records: list[Record], body: dict[str, Any]) -> dict[str, Any]:
    """`POST /crm/v4/associations/deals/contacts/batch/read`: each input deal's contacts.

    Deals without contacts are absent from `results`, as HubSpot answers them.
    """
    inputs = [str(item["id"]) for item in body.get("inputs") or []]
    if len(inputs) > ASSOCIATION_BATCH_LIMIT:
        raise BadRequest(f"Batch input size {len(inputs)} exceeds the limit of {ASSOCIATION_BATCH_LIMIT}")
    by_id = {str(record["id"]): record for record in records}
    results = []
    for deal_id in inputs:
        linked = ((by_id.get(deal_id) or {}).get("associations") or {}).get("contacts", {}).get("results") or []
        if linked:
            to = [
                {
                    "toObjectId": int(link["id"]),
                    "associationTypes": [
                        {"category": "HUBSPOT_DEFINED", "typeId": DEAL_TO_CONTACT_TYPE_ID, "label": None}
                    ],
                }
                for link in linked
            ]
            results.append({"from": {"id": deal_id}, "to": to})
    return {"status": "COMPLETE", "results": results}


BATCH_READ_LIMIT = 100
BATCH_READ_HISTORY_LIMIT = 50


def batch_read(records: list[Record], kind: str, body: dict[str, Any], drop_id: str | None) -> dict[str, Any]:
    """`POST /crm/v3/objects/{kind}/batch/read`: the input records, with property history when asked.

    `propertiesWithHistory` lists each named property's versions, newest first; with it the batch
    holds at most 50 inputs (100 without). Unknown ids are left out of `results`.
    """
    inputs = [str(item["id"]) for item in body.get("inputs") or []]
    with_history = list(body.get("propertiesWithHistory") or [])
    limit = BATCH_READ_HISTORY_LIMIT if with_history else BATCH_READ_LIMIT
    if len(inputs) > limit:
        raise BadRequest(f"Batch input size {len(inputs)} exceeds the limit of {limit}")
    by_id = {str(record["id"]): record for record in records}
    results = []
    for record in (by_id[i] for i in inputs if i in by_id):
        out = shape(record, kind, body.get("properties"), False, drop_id)
        if with_history:
            history = record.get("propertiesWithHistory") or {}
            out["propertiesWithHistory"] = {name: history.get(name, []) for name in with_history}
        results.append(out)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now}
