"""A conversation a customer starts: bursts of questions, agent replies, clicks, a thank-you."""

from __future__ import annotations

import random

from demo.clock import response_delay
from demo.messages import Message, MessageFactory
from demo.people import Person
from demo.texts import customer_text, pick_intent

# Inbound types besides text and clicks, with their share of inbound messages.
_OTHER_KINDS = (
    ("image", 0.04),
    ("audio", 0.03),
    ("document", 0.02),
    ("location", 0.01),
    ("sticker", 0.01),
    ("video", 0.01),
    ("contacts", 0.004),
    ("unsupported", 0.004),
)
REFERRAL_SHARE = 0.08  # conversations opened from a click-to-WhatsApp ad
_LIST_ROWS = (("catalog", "Catalog"), ("prices", "Prices"), ("delivery", "Delivery times"))
_REPLY_BUTTONS = (("yes", "Yes"), ("no", "No"), ("agent", "Talk to agent"))


def _inbound_kind(rng: random.Random) -> str:
    roll = rng.random()
    for kind, share in _OTHER_KINDS:
        if roll < share:
            return kind
        roll -= share
    return "text"


def agent_round(rng: random.Random, person: Person, factory: MessageFactory, at: int) -> list[Message]:
    """The team's answer to something the customer sent at `at`, and a click when it offered buttons."""
    out: list[Message] = []
    t = at + response_delay(rng, at, person.country)
    for _ in range(1 if rng.random() < 0.75 else 2):
        interactive = rng.random() < 0.1
        sent = factory.outbound(t, "interactive" if interactive else "agent")
        out.append(sent)
        if interactive and sent.fate and sent.fate.read_at and rng.random() < 0.7:
            kind = "list_reply" if rng.random() < 0.4 else "button_reply"
            choice = rng.choice(_LIST_ROWS if kind == "list_reply" else _REPLY_BUTTONS)
            clicked_at = sent.fate.read_at + rng.randint(5, 300)
            out.append(factory.inbound(clicked_at, "interactive", kind, context_id=sent.id, button=choice))
        t += rng.randint(3, 90)
    return out


def customer_conversation(rng: random.Random, person: Person, factory: MessageFactory, start: int) -> list[Message]:
    """A customer-initiated exchange of one to six rounds starting at `start`."""
    messages: list[Message] = []
    referral = rng.random() < REFERRAL_SHARE
    t = start
    for round_no in range(1 + min(int(rng.expovariate(0.8)), 5)):
        for burst in range(1 if rng.random() < 0.6 else rng.randint(2, 3)):
            first = round_no == 0 and burst == 0
            kind = "text" if first else _inbound_kind(rng)
            intent, text = "other", ""
            if kind == "text":
                intent = "greeting" if first and rng.random() < 0.4 else pick_intent(rng)
                text = customer_text(rng, person.language, intent)
            messages.append(factory.inbound(t, kind, text, referral=referral and first, intent=intent))
            t += rng.randint(5, 90)
        answer = agent_round(rng, person, factory, t)
        messages.extend(answer)
        t = max(m.at for m in answer) + int(rng.expovariate(1 / 1800)) + 30
    if rng.random() < 0.35:
        last_out = next(m for m in reversed(messages) if not m.inbound)
        if rng.random() < 0.3:
            messages.append(factory.inbound(t, "reaction", "👍", context_id=last_out.id))
        else:
            thanks = customer_text(rng, person.language, "thanks")
            messages.append(factory.inbound(t, "text", thanks, intent="thanks"))
    return messages
