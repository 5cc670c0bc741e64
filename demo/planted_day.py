"""Closing the planted low-delivery day exactly: extra sends placed where they change nothing else.

The `DeliveryPlanter` keeps delivered/sent on the day at or just under the target while people are
simulated; a few extra sends at the end make it exact. Each extra send goes one second after an
"anchor": an outbound message on that day whose person writes or is written to again within 23 hours
(or never again). Inserted there, it can neither start nor merge a conversation, so the conversation
and attribution truths stay valid.
"""

from __future__ import annotations

from typing import Any

from demo.messages import Message, MessageFactory
from demo.outcomes import DeliveryPlanter, delivered_fate, failed_fate
from demo.people import Person

_ANCHOR_NEXT_GAP = 23 * 3600
_LAST_SAFE_SECOND = 86_400 - 600  # anchors late in the day could push a top-up past midnight


class PlantedDay:
    def __init__(self, planter: DeliveryPlanter) -> None:
        self.planter = planter
        self.anchors: list[tuple[Person, Message]] = []
        self.extra = self.extra_delivered = 0

    def collect_anchors(self, person: Person, messages: list[Message]) -> None:
        day_end = self.planter.start + _LAST_SAFE_SECOND
        for position, message in enumerate(messages):
            if message.inbound or not self.planter.covers(message.at) or message.at >= day_end:
                continue
            following = messages[position + 1] if position + 1 < len(messages) else None
            if following is None or following.at - message.at < _ANCHOR_NEXT_GAP:
                self.anchors.append((person, message))

    def top_up(self, factory: MessageFactory) -> list[tuple[Person, Message]]:
        """The extra sends (copies of their anchor's kind and campaign) that make the rate exact."""
        self.extra, self.extra_delivered = self.planter.top_up_needed() if self.anchors else (0, 0)
        sends = []
        for index in range(self.extra):
            person, anchor = self.anchors[index % len(self.anchors)]
            at = anchor.at + 1 + index // len(self.anchors)
            message = Message(
                factory.new_id(),
                at,
                False,
                anchor.kind,
                campaign=anchor.campaign,
                pricing_type=anchor.pricing_type,
                billable=anchor.billable,
            )
            delivered = index < self.extra_delivered
            message.fate = (
                delivered_fate(factory.rng, at, message.category) if delivered else failed_fate(message.category)
            )
            sends.append((person, message))
        return sends

    def truth(self) -> dict[str, Any]:
        sent = self.planter.sent + self.extra
        delivered = self.planter.delivered + self.extra_delivered
        return {
            "date": self.planter.day.isoformat(),
            "sent": sent,
            "delivered": delivered,
            "rate": round(delivered / sent, 6) if sent else None,
            "target_rate": float(self.planter.rate),
        }
