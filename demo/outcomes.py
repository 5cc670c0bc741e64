"""What happens to an outbound message after it is sent, including the planted bad delivery day.

Normal days deliver about 98 % of messages (delivered = final status delivered or read). On the
planted day a `DeliveryPlanter` decides delivery so that delivered / sent is exactly the chosen
fraction; `top_up_needed` says how many extra sends (and how many of them delivered) close the gap.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from fractions import Fraction

from demo.exact_share import ExactShare

FAIL_RATE = 0.012
STUCK_RATE = 0.006  # sent, never delivered, never failed (phone off for good)
READ_RATE = {"service": 0.85, "marketing": 0.55, "utility": 0.65, "authentication": 0.7}


@dataclass(frozen=True, slots=True)
class Fate:
    final: str  # sent, delivered, read or failed
    delivered_at: int | None
    read_at: int | None
    error_code: int | None = None


class DeliveryPlanter:
    """Keeps delivered/sent on one day at an exact fraction; counts what the day actually got."""

    def __init__(self, day: date, rate: Fraction) -> None:
        self.day, self.rate = day, rate
        self.start = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
        self.share = ExactShare(rate)

    @property
    def sent(self) -> int:
        return self.share.calls

    @property
    def delivered(self) -> int:
        return self.share.yes

    def covers(self, at: int) -> bool:
        return self.start <= at < self.start + 86_400

    def decide(self) -> bool:
        """Deliver so that the running share stays as close to the target rate as whole messages allow."""
        return self.share.take()

    def top_up_needed(self) -> tuple[int, int]:
        """(extra sends, of which delivered) that make delivered/sent equal the rate exactly."""
        for extra in range(0, 4 * self.rate.denominator + 1):
            wanted = self.rate * (self.sent + extra) - self.delivered
            if wanted.denominator == 1 and 0 <= wanted <= extra:
                return extra, int(wanted)
        raise AssertionError("a rate with a small denominator is always reachable")


def failed_fate(category: str) -> Fate:
    """131049 is Meta's marketing-fatigue refusal; 131026 a plain undeliverable recipient."""
    return Fate("failed", None, None, 131049 if category == "marketing" else 131026)


def delivered_fate(rng: random.Random, at: int, category: str) -> Fate:
    roll = rng.random()
    delivered_at = at + 1 + int(roll * 40) if roll < 0.95 else at + 600 + int((roll - 0.95) * 600_000)
    if rng.random() < READ_RATE[category]:
        return Fate("read", delivered_at, delivered_at + int(rng.expovariate(1 / 1800)) + 1)
    return Fate("delivered", delivered_at, None)


def decide_fate(rng: random.Random, at: int, category: str, planter: DeliveryPlanter) -> Fate:
    if planter.covers(at):
        if planter.decide():
            return delivered_fate(rng, at, category)
        return failed_fate(category) if rng.random() < 0.8 else Fate("sent", None, None)
    roll = rng.random()
    if roll < FAIL_RATE:
        return failed_fate(category)
    if roll < FAIL_RATE + STUCK_RATE:
        return Fate("sent", None, None)
    return delivered_fate(rng, at, category)
