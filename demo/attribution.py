"""Conversations and last-touch lead attribution, computed the way DESIGN §4-5 defines them.

Used to write the truths the marts must reproduce, so it follows the product's definitions, not the
generator's intentions: a conversation is a run of one user's messages (inbound and outbound, at
their message time) with no gap over 24 hours; a lead is a deal created 0-7 days after the start of a
conversation of the same person, attributed to the latest such start (last touch).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from demo.config import ATTRIBUTION_WINDOW, CONVERSATION_GAP
from demo.messages import Message

_GAP = int(CONVERSATION_GAP.total_seconds())
_WINDOW_MS = int(ATTRIBUTION_WINDOW.total_seconds()) * 1000


@dataclass(frozen=True, slots=True)
class Conversation:
    start: int  # epoch seconds of its first message
    has_inbound: bool


def conversations(messages: list[Message]) -> list[Conversation]:
    """Split time-sorted messages where the gap to the previous message exceeds 24 hours."""
    found: list[Conversation] = []
    start, previous, inbound = None, 0, False
    for message in messages:
        if start is None or message.at - previous > _GAP:
            if start is not None:
                found.append(Conversation(start, inbound))
            start, inbound = message.at, False
        inbound = inbound or message.inbound
        previous = message.at
    if start is not None:
        found.append(Conversation(start, inbound))
    return found


def attributed_start(starts: list[int], deal_created_ms: int) -> int | None:
    """The latest conversation start (epoch seconds) at most 7 days before the deal's creation."""
    position = bisect.bisect_right(starts, deal_created_ms // 1000)
    if position == 0:
        return None
    start = starts[position - 1]
    return start if deal_created_ms - start * 1000 <= _WINDOW_MS else None
