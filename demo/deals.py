"""Which deals exist: leads born of WhatsApp conversations, and deals from the other channels.

A WhatsApp lead is created 1 hour to 6.5 days after a conversation in which the customer wrote, so
last-touch attribution with a 7-day window finds it. Other deals are unrelated to WhatsApp timing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from demo.clock import DAY

DEFAULT_PIPELINE = "default"
CUSTOM_PIPELINE = "75823511"
STAGES = {
    DEFAULT_PIPELINE: (
        "appointmentscheduled",
        "qualifiedtobuy",
        "presentationscheduled",
        "decisionmakerboughtin",
        "contractsent",
        "closedwon",
        "closedlost",
    ),
    CUSTOM_PIPELINE: ("160123451", "160123452", "160123453", "160123454", "160123455"),
}
_OTHER_SOURCES = (("email", 35), ("web", 35), ("sms", 10), ("other", 20))
WIN_RATE = {"whatsapp": 0.35, "other": 0.25}


@dataclass(frozen=True, slots=True)
class Deal:
    id: str
    contact_id: str
    created_ms: int
    lead_source: str
    amount: str | None
    pipeline: str
    stage: str
    close_ms: int  # actual close when closed, expected close when open
    is_closed: bool
    is_won: bool


class DealPlanner:
    """Mints ascending deal ids and decides each deal's pipeline, stage and amount."""

    def __init__(self, rng: random.Random, now_ms: int) -> None:
        self.rng, self.now_ms = rng, now_ms
        self._next_id = 30_100_000_001

    def deal(self, contact_id: str, created_ms: int, lead_source: str) -> Deal:
        rng = self.rng
        self._next_id += rng.randint(1, 9)
        pipeline = DEFAULT_PIPELINE if rng.random() < 0.8 else CUSTOM_PIPELINE
        stages = STAGES[pipeline]
        won_stage, lost_stage = stages[-2], stages[-1]  # both pipelines list won, then lost, last
        close_ms = created_ms + rng.randint(2 * DAY, 60 * DAY) * 1000 + rng.randrange(1000)
        closed = close_ms < self.now_ms
        won = closed and rng.random() < WIN_RATE["whatsapp" if lead_source == "whatsapp" else "other"]
        stage = (won_stage if won else lost_stage) if closed else rng.choice(stages[:-2])
        amount = None if rng.random() < 0.03 else f"{round(rng.lognormvariate(7.3, 0.8), -1):.2f}"
        return Deal(
            str(self._next_id),
            contact_id,
            created_ms,
            lead_source,
            amount,
            pipeline,
            stage,
            close_ms,
            closed,
            won,
        )

    def whatsapp_leads(
        self,
        contact_id: str,
        conversation_starts: list[int],
        probability: float,
        boosted: tuple[int, int],
        boost: float,
    ) -> list[Deal]:
        """Leads for conversations (epoch seconds) the customer took part in; `boosted` is an epoch range."""
        deals = []
        for start in conversation_starts:
            chance = probability * (boost if boosted[0] <= start < boosted[1] else 1)
            if self.rng.random() < chance:
                created = (start + self.rng.randint(3600, int(6.5 * DAY))) * 1000 + self.rng.randrange(1000)
                if created < self.now_ms:
                    deals.append(self.deal(contact_id, created, "whatsapp"))
        return deals

    def other_deals(self, contact_id: str, count: int, window_ms: tuple[int, int]) -> list[Deal]:
        sources, weights = zip(*_OTHER_SOURCES, strict=True)
        created = sorted(self.rng.randrange(*window_ms) for _ in range(count))
        return [self.deal(contact_id, at, self.rng.choices(sources, weights)[0]) for at in created]
