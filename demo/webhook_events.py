"""Cloud API webhook event objects: `messages[]` items for inbound, `statuses[]` items for outbound.

Shapes follow Meta's webhook reference. Outbound messages exist only through their statuses. Each
event is returned with the epoch second Meta delivered it, which decides the landing file's day.
"""

from __future__ import annotations

import random
from typing import Any

from demo.config import DISPLAY_PHONE_NUMBER, PMP_START
from demo.inbound_content import inbound_content
from demo.messages import Message
from demo.people import Person

Event = dict[str, Any]
_ERRORS = {
    131049: (
        "This message was not delivered to maintain healthy ecosystem engagement.",
        "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.",
    ),
    131026: (
        "Message undeliverable",
        "Unable to deliver message. Reasons can include: the recipient phone "
        "number is not a WhatsApp phone number or has not accepted the new Terms of Service.",
    ),
}
_PMP_START = int(PMP_START.timestamp())


def _received(rng: random.Random, at: int) -> int:
    """Meta usually delivers within seconds; about 1 % come hours later (retries), often the next day."""
    roll = rng.random()
    return at + (1 + int((roll - 0.01) * 12) if roll >= 0.01 else 6 * 3600 + int(roll * 8_640_000))


def inbound_event(rng: random.Random, person: Person, message: Message) -> tuple[int, Event]:
    sender = {"from": person.wa_id} if person.wa_id else {"from_user_id": person.user_id}
    event: Event = {**sender, "id": message.id, "timestamp": str(message.at), "type": message.kind}
    if message.context_id and message.kind != "reaction":
        event["context"] = {"from": DISPLAY_PHONE_NUMBER, "id": message.context_id}
    if message.referral:
        event["referral"] = {
            "source_url": "https://fb.me/3kD9xQ2",
            "source_id": "120208813374560123",
            "source_type": "ad",
            "headline": "Chat with us",
            "body": "Special offer",
            "media_type": "image",
            "ctwa_clid": rng.randbytes(12).hex(),
        }
    event.update(inbound_content(rng, message))
    return _received(rng, message.at), event


def contact_entry(person: Person) -> Event:
    key = {"wa_id": person.wa_id} if person.wa_id else {"user_id": person.user_id}
    return {"profile": {"name": person.profile_name}, **key}


def _pricing(message: Message) -> Event:
    if message.at < _PMP_START:
        return {"billable": message.billable, "pricing_model": "CBP", "category": message.category}
    return {
        "billable": message.billable,
        "pricing_model": "PMP",
        "type": message.pricing_type,
        "category": message.category,
    }


def status_events(rng: random.Random, person: Person, message: Message) -> list[tuple[int, Event]]:
    """The statuses of one outbound message, with Meta's quirks: missing, late and reordered ones."""
    fate = message.fate
    assert fate is not None
    steps: list[tuple[str, int]] = [("sent", message.at)]
    if fate.delivered_at is not None and not (fate.read_at and rng.random() < 0.03):
        steps.append(("delivered", fate.delivered_at))
    if fate.read_at is not None:
        steps.append(("read", fate.read_at))
    if fate.final == "failed":
        steps.append(("failed", message.at + 1 + int(rng.random() * 30)))
    recipient = {"recipient_id": person.wa_id} if person.wa_id else {"recipient_user_id": person.user_id}
    out: list[tuple[int, Event]] = []
    for position, (status, at) in enumerate(steps):
        event: Event = {"id": message.id, "status": status, "timestamp": str(at), **recipient}
        if status == "sent" or (position == 1 and status in {"delivered", "read"}):
            if message.at < _PMP_START and status == "sent":
                event["conversation"] = {
                    "id": message.id[-16:],
                    "origin": {"type": message.category},
                    "expiration_timestamp": str(message.at + 86_400),
                }
            event["pricing"] = _pricing(message)
        if status == "failed" and fate.error_code:
            title, details = _ERRORS[fate.error_code]
            event["errors"] = [
                {
                    "code": fate.error_code,
                    "title": title,
                    "message": title,
                    "error_data": {"details": details},
                }
            ]
        if message.campaign:
            event["biz_opaque_callback_data"] = message.campaign.name
        out.append((_received(rng, at), event))
    if len(out) > 1 and rng.random() < 0.02:  # the delivery receipt overtakes the sent receipt
        overtaken_at = out[1][0]
        out[0], out[1] = (overtaken_at, out[0][1]), (overtaken_at - 1, out[1][1])
    return out
