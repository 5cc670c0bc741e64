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
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

Record = dict[str, Any]
Comparable = float | str | None
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
        # The records are read-only while a server runs (`reindex()` after changing them), so what every request
        # would otherwise recompute over all of them is computed once: a pull of a million contacts restarts its
        # search every 10,000 results and batch-reads deals 50 at a time, and recomputing made it quadratic.
        self.reindex()

    def reindex(self) -> None:
        """Forget the computed indexes, for a test that changed the records."""
        self.found = lru_cache(maxsize=8)(self._found)
        self.column = lru_cache(maxsize=None)(self._column)
        self.by_id = lru_cache(maxsize=None)(self._by_id)
        self.sorted_ids = lru_cache(maxsize=None)(self._sorted_ids)

    def _by_id(self, kind: str) -> dict[str, Record]:
        return {str(record["id"]): record for record in self.objects(kind)}

    def _sorted_ids(self, kind: str) -> list[float] | None:
        """The `hs_object_id` column when it ascends with the records: always in HubSpot, where it is the id."""
        ids = [value for value in self.column(kind, "hs_object_id") if isinstance(value, float)]
        if len(ids) == len(self.objects(kind)) and all(a <= b for a, b in pairwise(ids)):
            return ids
        return None

    def _skipped_below(self, kind: str, rule: dict[str, Any]) -> int | None:
        """How many records (in id order) a lower bound on `hs_object_id` rules out; None for any other filter."""
        ids, bound = self.sorted_ids(kind), _comparable(str(rule.get("value")))
        if rule.get("propertyName") != "hs_object_id" or rule.get("operator") not in {"GT", "GTE"}:
            return None
        if ids is None or not isinstance(bound, float):
            return None
        return (bisect_right if rule["operator"] == "GT" else bisect_left)(ids, bound)

    def _column(self, kind: str, name: str) -> list[Comparable]:
        """Every record's `name` property as filters and sorts compare it, in id order."""
        return [_comparable(record["properties"].get(name)) for record in self.objects(kind)]

    def _found(self, kind: str, criteria: str) -> list[Record]:
        """The records of `kind` a search's `filterGroups` and `sorts` (as JSON) select, in its order."""
        body = json.loads(criteria)
        groups = body.get("filterGroups") or [{"filters": []}]
        if len(groups) == 1:
            positions = self._matching(kind, groups[0].get("filters", []))
        else:
            positions = sorted(set().union(*(self._matching(kind, g.get("filters", [])) for g in groups)))
        for sort in reversed(body.get("sorts") or []):
            name, descending = (
                (sort, False)
                if isinstance(sort, str)
                else (sort["propertyName"], sort.get("direction") == "DESCENDING")
            )
            column = self.column(kind, name)
            positions.sort(key=lambda i, c=column: _sort_key(c[i]), reverse=descending)
        records = self.objects(kind)
        return [records[i] for i in positions]

    def _matching(self, kind: str, filters: list[dict[str, Any]]) -> list[int]:
        """The positions of the records that pass every filter, ascending.

        A lower bound on `hs_object_id` (the record id, which the records are sorted by) skips the records below
        it instead of testing them: the connector's restarts after the last id read are such bounds.
        """
        start, rest = 0, []
        for rule in filters:
            skipped = self._skipped_below(kind, rule)
            if skipped is None:
                rest.append(rule)
            else:
                start = max(start, skipped)
        positions: list[int] = list(range(start, len(self.objects(kind))))
        for rule in rest:
            column, holds = self.column(kind, rule["propertyName"]), _predicate(rule)
            positions = [i for i in positions if holds(column[i])]
        return positions

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


def _comparable(value: str | None) -> Comparable:
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


def _predicate(rule: dict[str, Any]) -> Callable[[Comparable], bool]:
    """Whether a record's compared value passes one filter."""
    operator = rule.get("operator", "EQ")
    if operator in {"HAS_PROPERTY", "NOT_HAS_PROPERTY"}:
        present = operator == "HAS_PROPERTY"
        return lambda value: (value not in (None, "")) == present
    if operator not in _OPERATORS:
        raise BadRequest(f"Unsupported operator {operator}")
    compare, right = _OPERATORS[operator], _comparable(str(rule.get("value")))

    def holds(value: Comparable) -> bool:
        if value is None or type(value) is not type(right):
            return operator == "NEQ"
        return bool(compare(value, right))

    return holds


def _sort_key(value: Comparable) -> tuple[bool, bool, float | str]:
    """Missing values last; numbers and dates before text."""
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


def associations_batch(by_id: dict[str, Record], body: dict[str, Any]) -> dict[str, Any]:
    """`POST /crm/v4/associations/deals/contacts/batch/read`: each input deal's contacts.

    Deals without contacts are absent from `results`, as HubSpot answers them.
    """
    inputs = [str(item["id"]) for item in body.get("inputs") or []]
    if len(inputs) > ASSOCIATION_BATCH_LIMIT:
        raise BadRequest(f"Batch input size {len(inputs)} exceeds the limit of {ASSOCIATION_BATCH_LIMIT}")
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


def batch_read(by_id: dict[str, Record], kind: str, body: dict[str, Any], drop_id: str | None) -> dict[str, Any]:
    """`POST /crm/v3/objects/{kind}/batch/read`: the input records, with property history when asked.

    `propertiesWithHistory` lists each named property's versions, newest first; with it the batch
    holds at most 50 inputs (100 without). Unknown ids are left out of `results`.
    """
    inputs = [str(item["id"]) for item in body.get("inputs") or []]
    with_history = list(body.get("propertiesWithHistory") or [])
    limit = BATCH_READ_HISTORY_LIMIT if with_history else BATCH_READ_LIMIT
    if len(inputs) > limit:
        raise BadRequest(f"Batch input size {len(inputs)} exceeds the limit of {limit}")
    results = []
    for record in (by_id[i] for i in inputs if i in by_id):
        out = shape(record, kind, body.get("properties"), False, drop_id)
        if with_history:
            history = record.get("propertiesWithHistory") or {}
            out["propertiesWithHistory"] = {name: history.get(name, []) for name in with_history}
        results.append(out)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now}
