"""The business's auto-reply bot: it answers greetings, price, availability and order questions, and anything
written outside business hours, within seconds.

The auto-reply trigger rate audit (DESIGN §6) measures exactly this: of the customer messages that should
trigger an automated reply, the share that got one. The bot misses a few (`ANSWER_SHARE`), as real bots do
when a rule misfires or the channel hiccups, so the planted rate sits near, not at, 100 %.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from demo.clock import DAY
from demo.messages import Message, MessageFactory

BOT_INTENTS = frozenset({"greeting", "price", "availability", "order"})
BUSINESS_HOURS_UTC = (9, 18)  # start inclusive, end exclusive, as dbt's var('business_hours') in UTC
ANSWER_SHARE = 0.93
DELAY_SECONDS = (2, 15)
DEFINITION = (
    "triggering = inbound messages with an intent the bot answers (greeting, price, availability, order) or "
    "a timestamp outside 09:00-18:00 UTC; answered = those followed by an outbound message the Chatwoot inbox "
    "sends as the agent_bot 2-15 s later; rate = answered / triggering"
)


def triggers(message: Message) -> bool:
    """Whether the bot should answer this customer message."""
    hour = message.at % DAY // 3600
    outside = not BUSINESS_HOURS_UTC[0] <= hour < BUSINESS_HOURS_UTC[1]
    return message.inbound and (message.intent in BOT_INTENTS or outside)


def bot_replies(rng: random.Random, factory: MessageFactory, messages: Iterable[Message], end: int) -> list[Message]:
    """The bot's answers to the triggering messages among `messages`, each before `end` (epoch seconds)."""
    replies = []
    for message in messages:
        if triggers(message) and rng.random() < ANSWER_SHARE:
            at = message.at + rng.randint(*DELAY_SECONDS)
            if at < end:
                replies.append(factory.outbound(at, "agent", automated=True, answers=message.id))
    return replies


def tally(messages: list[Message]) -> tuple[int, int]:
    """(triggering, answered) among one person's messages, by `DEFINITION`."""
    answered = {m.context_id for m in messages if m.automated}
    triggering = [m for m in messages if triggers(m)]
    return len(triggering), sum(m.id in answered for m in triggering)
