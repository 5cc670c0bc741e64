"""The planted re-class day: the amoCRM desk re-classes customers' value class in one afternoon, 82 % right.

From `RETAG_FROM_HOUR` UTC on the day, the desk opens one lead of each chosen customer every 5 seconds and sets
its value class (A/B/C) again: right (the class the HubSpot budget earns) for exactly `RETAG_ACCURACY` of them,
a wrong class otherwise. The lead's `updated_at` is the moment of the edit, so the tag accuracy audit, judging
each tag when it was set, finds the week of that day below the standard (a warn) while other weeks pass.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from demo.clock import DAY
from demo.config import RETAG_ACCURACY, RETAG_FROM_HOUR, GenerationConfig
from demo.exact_share import ExactShare

VALUE_CLASSES = ("A", "B", "C")
SECONDS_APART = 5


class RetagDay:
    """Hands out the day's edit slots to the first eligible customers and decides each new class."""

    def __init__(self, config: GenerationConfig) -> None:
        day = config.retag_date
        self.start = int(datetime(day.year, day.month, day.day, RETAG_FROM_HOUR, tzinfo=UTC).timestamp())
        self.count = config.retag_customers
        self.share = ExactShare(RETAG_ACCURACY)
        self.slots: list[int] = []

    def slot_for(self, contact_created: int, right_class: str | None) -> int | None:
        """The edit moment for a customer whose budget earns `right_class`, or None when not re-classed.

        Only customers the budget can judge, entered a day or more before the afternoon, qualify.
        """
        if right_class is None or len(self.slots) >= self.count or contact_created > self.start - DAY:
            return None
        self.slots.append(self.start + SECONDS_APART * len(self.slots))
        return self.slots[-1]

    def new_class(self, rng: random.Random, right_class: str) -> str:
        """The class the desk sets: right for exactly the planted share of the edits."""
        if self.share.take():
            return right_class
        return rng.choice([c for c in VALUE_CLASSES if c != right_class])

    def truth(self) -> dict[str, Any]:
        def iso(at: int) -> str:
            return datetime.fromtimestamp(at, UTC).isoformat()

        return {
            "date": datetime.fromtimestamp(self.start, UTC).date().isoformat(),
            "from": iso(self.start),
            "to": iso(self.slots[-1]) if self.slots else None,
            "reclassed": len(self.slots),
            "right": self.share.yes,
            "accuracy": round(self.share.yes / len(self.slots), 4) if self.slots else None,
        }
