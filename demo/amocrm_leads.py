"""amoCRM leads and their stage history: each lead walks its pipeline, one status-change event a step.

A lead starts in its pipeline's first status and moves forward; about a third end won (142), a
third lost (143), the rest stay open. A walk that would run past the end of the window stops
where it is, so the lead's current status is always the last event's `value_after`. Tags follow the
walk the way a team sets them, with the usual slips: most leads that got a quote carry
"quote sent", a few that never did carry it too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from demo.amocrm_records import (
    ACCOUNT_ID,
    DISTRIBUTOR_PIPELINE,
    LOST,
    PIPELINES,
    QUOTE_STATUS,
    SALES_PIPELINE,
    SAMPLE_STATUS,
    SOURCE_ENUMS,
    SOURCE_FIELD,
    USERS,
    WON,
    status_event,
)
from demo.clock import DAY
from demo.crm_records import PRODUCTS

_OPEN_STATUSES = {pipeline: tuple(s for s, _ in statuses) for pipeline, _, _, statuses in PIPELINES}
_ULID_LETTERS = "0123456789abcdefghjkmnpqrstvwxyz"
# (id, color, dimension of the canonical tag model) of every tag the team uses.
TAGS = {
    "wholesale": (401_001, "#ffdc7f", "attribute"),
    "quote sent": (401_002, None, "behaviour"),
    "sample sent": (401_003, None, "behaviour"),
    "new customer 24h": (401_004, "#87f2c0", "behaviour"),
    "A": (401_005, "#ff8f92", "value"),
    "B": (401_006, "#ffce5a", "value"),
    "C": (401_007, "#99ccff", "value"),
    "expo 2026": (401_008, None, "attribute"),
    "repeat order": (401_009, None, "behaviour"),
    "price list": (401_010, None, "behaviour"),
    "дилер": (401_011, None, "attribute"),
    "VIP": (401_012, "#ff8f92", "value"),
}


@dataclass(frozen=True, slots=True)
class Lead:
    record: dict[str, Any]
    events: list[dict[str, Any]]
    tags: tuple[str, ...]
    outcome: str  # won, lost or open
    price: int


class LeadPlanner:
    """Mints ascending lead ids and walks each lead through its pipeline before `end` (epoch seconds)."""

    def __init__(self, rng: random.Random, end: int) -> None:
        self.rng, self.end = rng, end
        self._next_id = 21_000_000

    def _event_id(self) -> str:
        number = self.rng.getrandbits(130)
        return "".join(_ULID_LETTERS[(number >> (5 * i)) & 31] for i in range(26))

    def _walk(self, pipeline: int) -> list[int]:
        """The statuses the lead is meant to pass through, ending in 142/143 or an open status."""
        opens, roll = _OPEN_STATUSES[pipeline], self.rng.random()
        if roll < 2 / 3:
            return [*opens[: self.rng.randint(2, len(opens))], WON if roll < 1 / 3 else LOST]
        return list(opens[: self.rng.randint(1, len(opens))])

    def lead(self, contact_id: int, created: int, source: str, contact_tags: tuple[str, ...], is_new: bool) -> Lead:
        rng = self.rng
        self._next_id += rng.randint(1, 5)
        pipeline = SALES_PIPELINE if rng.random() < 0.75 else DISTRIBUTOR_PIPELINE
        walk, at, events = self._walk(pipeline), created, []
        reached = walk[:1]
        for before, after in pairwise(walk):
            at += rng.randint(3600, 9 * DAY)
            if at >= self.end:
                break
            events.append(status_event(self._event_id(), self._next_id, at, pipeline, before, after))
            reached.append(after)
        status = reached[-1]
        updated = min(self.end - 1, at if events else created + rng.randint(60, DAY))
        tags = self._tags(reached, contact_tags, is_new)
        price = 0 if rng.random() < 0.05 else int(round(rng.lognormvariate(7.3, 0.8), -1))
        user = rng.choice(USERS)
        record = {
            "id": self._next_id,
            "name": f"{rng.choice(PRODUCTS)} #{self._next_id}",
            "price": price,
            "responsible_user_id": user,
            "group_id": 0,
            "status_id": status,
            "pipeline_id": pipeline,
            "loss_reason_id": None,
            "created_by": user,
            "updated_by": user,
            "created_at": created,
            "updated_at": updated,
            "closed_at": events[-1]["created_at"] if status in (WON, LOST) else None,
            "closest_task_at": None,
            "is_deleted": False,
            "custom_fields_values": None if rng.random() < 0.1 else _source_field(source),
            "score": None,
            "account_id": ACCOUNT_ID,
            "labor_cost": None,
            "_embedded": {
                "tags": [{"id": TAGS[t][0], "name": t, "color": TAGS[t][1]} for t in tags],
                "companies": [],
                "contacts": [{"id": contact_id, "is_main": True}],
            },
        }
        outcome = "won" if status == WON else "lost" if status == LOST else "open"
        return Lead(record, events, tags, outcome, price)

    def _tags(self, reached: list[int], contact_tags: tuple[str, ...], is_new: bool) -> tuple[str, ...]:
        rng, tags = self.rng, list(contact_tags)
        for status, tag in ((QUOTE_STATUS, "quote sent"), (SAMPLE_STATUS, "sample sent")):
            if rng.random() < (0.85 if status in reached else 0.03):
                tags.append(tag)
        if is_new and rng.random() < 0.8:
            tags.append("new customer 24h")
        return tuple(tags)


def _source_field(source: str) -> list[dict[str, Any]]:
    value = {"value": source, "enum_id": SOURCE_ENUMS[source]}
    return [{"field_id": SOURCE_FIELD, "field_name": "Источник", "field_code": None, "values": [value]}]
