"""amoCRM leads and their stage history: each lead walks its pipeline, one status-change event a step.

A lead starts in its pipeline's first status and moves forward; about a third end won (142), a
third lost (143), the rest stay open. A walk that would run past the end of the window stops
where it is, so the lead's current status is always the last event's `value_after`, and the lead
was last updated at that event. Tags say what the lead's state was at that update, the way a team
sets them: a quote sent in the 7 days before, a sample in the 15 days before, a customer first
met less than 24 h before. The team keeps 90 % of the tags the state calls for and slips in 0.5 %
it does not.
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

KEPT, SLIP = 0.9, 0.005  # of the tags a lead's state calls for, and of those it does not
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

    def lead(
        self,
        contact_id: int,
        times: tuple[int, int],
        source: str,
        contact_tags: tuple[str, ...],
        touched_at: int | None = None,
    ) -> Lead:
        """A lead created at `times[1]` of a customer the business first met at `times[0]`. A lead someone edits
        later (`touched_at`) walks no further than that moment and was last updated then."""
        rng, (first_seen, created) = self.rng, times
        self._next_id += rng.randint(1, 5)
        pipeline = SALES_PIPELINE if rng.random() < 0.75 else DISTRIBUTOR_PIPELINE
        walk, at, events = self._walk(pipeline), created, []
        entered: list[tuple[int, int]] = []  # (status, when) of every move
        for before, after in pairwise(walk):
            at += rng.randint(3600, 9 * DAY)
            if at >= (touched_at or self.end):
                break
            events.append(status_event(self._event_id(), self._next_id, at, pipeline, before, after))
            entered.append((after, at))
        status = entered[-1][0] if entered else walk[0]
        updated = touched_at or (entered[-1][1] if entered else created)
        # An edit that only re-classes the lead slips no other tag in.
        slip = SLIP if touched_at is None else 0.0
        tags = contact_tags + self._tags(entered, updated, updated - first_seen < DAY, slip)
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

    def _tags(self, entered: list[tuple[int, int]], updated: int, is_new: bool, slip: float) -> tuple[str, ...]:
        """The behaviour tags the lead's state at `updated` calls for, kept and slipped as a team does."""
        due = {
            tag: any(status == wanted and updated - at <= days * DAY for status, at in entered)
            for tag, wanted, days in (("quote sent", QUOTE_STATUS, 7), ("sample sent", SAMPLE_STATUS, 15))
        }
        due["new customer 24h"] = is_new
        return tuple(tag for tag, called_for in due.items() if self.rng.random() < (KEPT if called_for else slip))


def _source_field(source: str) -> list[dict[str, Any]]:
    value = {"value": source, "enum_id": SOURCE_ENUMS[source]}
    return [{"field_id": SOURCE_FIELD, "field_name": "Источник", "field_code": None, "values": [value]}]
