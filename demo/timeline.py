"""A WhatsApp user's year: their own conversations, the campaigns they get, clicks and late replies.

The result is sorted by time and priced the way per-message pricing works: service messages and
utility templates inside the 24 h customer-service window are free, everything inside the 72 h
free-entry-point window after a click-to-WhatsApp ad is free, other templates are charged.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from demo.auto_reply import bot_replies
from demo.campaigns import BUTTONS, TRANSACTIONAL, Campaign
from demo.clock import DAY, random_moment
from demo.conversation import agent_round, customer_conversation
from demo.messages import Message, MessageFactory
from demo.people import Person
from demo.texts import customer_text, pick_intent

SERVICE_WINDOW = DAY
ENTRY_POINT_WINDOW = 3 * DAY


@dataclass(frozen=True)
class Rates:
    """Per-user expectations for a user active over the whole window, calibrated to the volume targets."""

    conversations: float
    order_updates: float
    login_codes: float


def poisson(rng: random.Random, mean: float) -> int:
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _template_send(
    rng: random.Random, person: Person, factory: MessageFactory, at: int, campaign: Campaign
) -> list[Message]:
    """A template message, and the click or late reply it may earn."""
    sent = factory.outbound(at, "template", campaign)
    out = [sent]
    buttons = BUTTONS[campaign.category]
    if sent.fate is None or sent.fate.read_at is None:
        return out
    if buttons and rng.random() < campaign.click_rate:
        payload, title = rng.choice(buttons)
        clicked_at = sent.fate.read_at + rng.randint(5, 900)
        out.append(factory.inbound(clicked_at, "button", title, context_id=sent.id, button=(payload, title)))
        if payload != "STOP" and rng.random() < 0.5:
            asked_at = clicked_at + rng.randint(20, 600)
            asked = customer_text(rng, person.language, "price")
            out.append(factory.inbound(asked_at, "text", asked, intent="price"))
            out.extend(agent_round(rng, person, factory, asked_at))
    elif rng.random() < 0.03:  # some answer days later, quoting the template
        replied_at = sent.fate.read_at + rng.randint(DAY, 3 * DAY)
        intent = pick_intent(rng)
        text = customer_text(rng, person.language, intent)
        out.append(factory.inbound(replied_at, "text", text, context_id=sent.id, intent=intent))
        out.extend(agent_round(rng, person, factory, replied_at))
    return out


def person_timeline(
    rng: random.Random,
    person: Person,
    factory: MessageFactory,
    campaigns: list[Campaign],
    rates: Rates,
    window: tuple[int, int],
) -> list[Message]:
    start, end = max(window[0], person.active_from), window[1]
    share = (end - start) / (window[1] - window[0])
    messages: list[Message] = []
    for _ in range(poisson(rng, person.activity * rates.conversations * share)):
        begin = random_moment(rng, start, end, person.country)
        messages.extend(customer_conversation(rng, person, factory, begin))
    for campaign in campaigns:
        assert campaign.send_at is not None
        at = int(campaign.send_at.timestamp()) + rng.randrange(7200)
        if at >= start and rng.random() < campaign.audience_share:
            messages.extend(_template_send(rng, person, factory, at, campaign))
    order_update, login_code = TRANSACTIONAL
    for campaign, mean in ((order_update, rates.order_updates), (login_code, rates.login_codes)):
        for _ in range(poisson(rng, mean * share)):
            messages.extend(
                _template_send(rng, person, factory, random_moment(rng, start, end, person.country), campaign)
            )
    messages = [m for m in messages if m.at < end]
    messages = sorted([*messages, *bot_replies(rng, factory, messages, end)], key=lambda m: m.at)
    _price(messages)
    return messages


def _price(messages: list[Message]) -> None:
    """Set each outbound message's pricing type and billable flag from the windows open at its time."""
    last_inbound = last_referral = -10 * DAY
    for message in messages:
        if message.inbound:
            last_inbound = message.at
            if message.referral:
                last_referral = message.at
            continue
        in_service = message.at - last_inbound < SERVICE_WINDOW
        if message.at - last_referral < ENTRY_POINT_WINDOW:
            message.pricing_type, message.billable = "free_entry_point", False
        elif message.category == "service" or (message.category == "utility" and in_service):
            message.pricing_type, message.billable = "free_customer_service", False
