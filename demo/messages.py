"""One WhatsApp message in a person's timeline, and the factory that mints ids and fates.

Times are epoch seconds (ints): the generator handles millions of them and never needs time zones.
An outbound message's fate (sent, delivered, read or failed, and when) is decided when it is created,
because what follows in the conversation (a click, a reply) depends on whether it arrived.
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass

from demo.campaigns import Campaign
from demo.outcomes import DeliveryPlanter, Fate, decide_fate

_SALT = bytes.fromhex("3EB0C0D1A2F4E6")  # fixed tail so ids look like Meta's opaque ones


@dataclass(slots=True)
class Message:
    id: str
    at: int  # inbound: its timestamp; outbound: the timestamp of its `sent` status
    inbound: bool
    kind: str  # inbound: the webhook `type`; outbound: "agent", "interactive" or "template"
    text: str = ""
    context_id: str | None = None  # the message this one answers (a click when kind is button/interactive)
    button: tuple[str, str] | None = None  # (payload, title) of a clicked button
    campaign: Campaign | None = None
    referral: bool = False  # inbound that came from a click-to-WhatsApp ad (opens a free entry point)
    fate: Fate | None = None
    pricing_type: str = "regular"
    billable: bool = True
    intent: str = "other"  # inbound text: what the customer asks (texts.pick_intent); anything else: other
    automated: bool = False  # outbound: sent by the auto-reply bot (demo/auto_reply.py), not by an agent

    @property
    def category(self) -> str:
        return self.campaign.category if self.campaign else "service"

    @property
    def delivered(self) -> bool:
        return self.fate is not None and self.fate.final in {"delivered", "read"}


class MessageFactory:
    """Mints unique `wamid.` ids (a serial, base64-wrapped) and decides outbound fates from one seeded rng."""

    def __init__(self, rng: random.Random, planter: DeliveryPlanter) -> None:
        self.rng = rng
        self.planter = planter
        self._serial = 0

    def new_id(self) -> str:
        self._serial += 1
        raw = b"\x15\x02\x00\x11\x18\x14" + self._serial.to_bytes(6, "big") + _SALT
        return "wamid.HBgM" + base64.b64encode(raw).decode()

    def inbound(
        self,
        at: int,
        kind: str,
        text: str = "",
        context_id: str | None = None,
        button: tuple[str, str] | None = None,
        referral: bool = False,
        intent: str = "other",
    ) -> Message:
        return Message(self.new_id(), at, True, kind, text, context_id, button, referral=referral, intent=intent)

    def outbound(
        self, at: int, kind: str, campaign: Campaign | None = None, automated: bool = False, answers: str | None = None
    ) -> Message:
        """An outbound message; a bot's reply is `automated` and names the message it `answers`."""
        message = Message(self.new_id(), at, False, kind, context_id=answers, campaign=campaign, automated=automated)
        message.fate = decide_fate(self.rng, at, message.category, self.planter)
        return message
