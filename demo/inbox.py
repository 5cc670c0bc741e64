"""The business's Chatwoot inbox: the same WhatsApp conversations as the agents saw and handled them.

Each run of a person's messages (split where the gap exceeds 24 h, as `attribution.conversations`
defines it) that holds an inbound message is a Chatwoot conversation, with the same messages and
wamids as `source_id`, plus what only the inbox knows: who answered (an agent, or the auto-reply
bot), private notes, labels, assignment and resolution activity, the CSAT survey and its answers.
"""

from __future__ import annotations

import bisect
import uuid
from collections import Counter
from pathlib import Path
from random import Random
from typing import Any

import orjson

from demo import inbox_records as shapes
from demo.attribution import conversations
from demo.inbox_csat import CsatSurveys
from demo.json_files import JsonArrayWriter, dump
from demo.messages import Message
from demo.people import Person

LABELS = (("price_inquiry", 0.35), ("quote_sent", 0.3), ("sample_sent", 0.2), ("vip", 0.06), ("complaint", 0.05))
_REPLIES = ("Hello! Let me check that for you.", "Here are the details you asked for.", "Done, anything else?")
_OPEN_STATUSES = (("open", 0.6), ("pending", 0.25), ("snoozed", 0.15))
DEFINITIONS = {
    "inbox": "crm/chatwoot/*.json: conversations = runs of a user's messages (24 h gap) holding an inbound "
    "message; messages_by_type by message_type (incoming/outgoing/activity/template); human_replies = "
    "outgoing, sender type user, not private, no campaign_id; csat over csat_survey_responses.json, "
    "weeks by the ISO week (UTC) of created_at",
}


class Inbox:
    """Streams conversations and messages to `folder` person by person; agents and CSAT at `close`."""

    def __init__(self, rng: Random, folder: Path, window: tuple[int, int]) -> None:
        self.rng, self.folder, self.window_end = rng, folder, window[1]
        self.surveys = CsatSurveys(rng, window)
        self.agents = shapes.agents()
        self.conversations = JsonArrayWriter(folder / "conversations.json")
        self.messages = JsonArrayWriter(folder / "messages.json")
        self.counts: Counter[str] = Counter()
        self.next_id = {"contact": 0, "conversation": 0, "message": 0}
        self.campaign_ids: dict[str, int] = {}

    def _id(self, kind: str) -> int:
        self.next_id[kind] += 1
        return self.next_id[kind]

    def add(self, person: Person, messages: list[Message]) -> None:
        """The person's conversations that the customer took part in, if any."""
        split = conversations(messages)
        found = [c for c in split if c.has_inbound]
        if not found:
            return
        sender = shapes.contact(self._id("contact"), person, self.rng.random() < 0.3)
        starts = [c.start for c in split]
        runs: dict[int, list[Message]] = {c.start: [] for c in found}
        for message in messages:
            start = starts[bisect.bisect_right(starts, message.at) - 1]
            if start in runs:
                runs[start].append(message)
        for run in runs.values():
            self._conversation(sender, run)

    def _conversation(self, sender: dict[str, Any], run: list[Message]) -> None:
        rng, number = self.rng, self._id("conversation")
        agent = rng.choice(self.agents) if rng.random() < 0.95 else None
        user = shapes.user_sender(agent or self.agents[0])
        out = [self._message(number, m, sender, user) for m in run]
        labels = sorted(name for name, share in LABELS if rng.random() < share)
        at = run[0].at + 2
        if agent is not None:
            out.append(self._activity(number, at, f"{agent['name']} self-assigned this conversation"))
        if labels:
            out.append(self._activity(number, at + 1, f"{user['name']} added {', '.join(labels)}"))
        if rng.random() < 0.15:
            out.append(
                shapes.message(0, number, 1, at + 60, "Follow up on pricing next week.", user) | {"private": True}
            )
        out.sort(key=lambda m: m["created_at"])  # stable: ids then rise with time, as Chatwoot's do
        for message in out:
            message["id"] = self._id("message")
        resolved_at = out[-1]["created_at"] + rng.randint(600, 36_000)
        status = "resolved" if resolved_at < self.window_end - 3 * 86_400 and rng.random() < 0.92 else ""
        if status:
            resolution = self._activity(number, resolved_at, f"Conversation was resolved by {user['name']}")
            out.append(resolution | {"id": self._id("message")})
            out.append(self.surveys.survey(self._id("message"), number, resolved_at + 5, sender, agent))
        else:
            status = rng.choices(*zip(*_OPEN_STATUSES, strict=True))[0]
        record = shapes.conversation(number, str(uuid.UUID(int=rng.getrandbits(128))), sender, agent, out, status)
        record["labels"] = labels
        self.conversations.write_encoded([orjson.dumps(record).decode()])
        self.counts[f"conversations_{status}"] += 1
        self.messages.write_encoded([orjson.dumps(message).decode() for message in out])
        for message in out:
            self._count(message)

    def _message(self, number: int, message: Message, contact: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
        if message.inbound:
            record = shapes.message(0, number, 0, message.at, message.text or None, contact)
            if message.context_id:
                record["content_attributes"] = {"in_reply_to_external_id": message.context_id}
        else:
            by_bot = message.automated
            text = "Thanks for writing! An agent will answer shortly." if by_bot else self.rng.choice(_REPLIES)
            sender = shapes.AUTO_REPLY_BOT if by_bot else user
            record = shapes.message(0, number, 1, message.at, text, sender)
            record["status"] = message.fate.final if message.fate else "sent"
            if message.campaign:
                name = message.campaign.name
                campaign_id = self.campaign_ids.setdefault(name, len(self.campaign_ids) + 1)
                record["additional_attributes"] = {"campaign_id": campaign_id, "template_params": {"name": name}}
                record["content"] = f"[{name}]"
        record["source_id"] = message.id
        return record

    def _activity(self, number: int, at: int, text: str) -> dict[str, Any]:
        return shapes.message(0, number, 2, at, text, None)

    def _count(self, message: dict[str, Any]) -> None:
        kind = ("incoming", "outgoing", "activity", "template")[message["message_type"]]
        self.counts[f"messages_{kind}"] += 1
        sender_type = (message.get("sender") or {}).get("type")
        if message["private"]:
            self.counts["private_notes"] += 1
        elif kind == "outgoing" and sender_type == "user" and "campaign_id" not in message["additional_attributes"]:
            self.counts["human_replies"] += 1
        self.counts["bot_replies"] += sender_type == "agent_bot"

    def close(self) -> dict[str, Any]:
        """Finish the files and return the inbox truths."""
        self.conversations.__exit__(None, None, None)
        self.messages.__exit__(None, None, None)
        responses = sorted(self.surveys.responses, key=lambda r: (r["created_at"], r["id"]))
        (self.folder / "csat_survey_responses.json").write_text(dump(responses) + "\n", encoding="utf-8")
        (self.folder / "agents.json").write_text(dump(self.agents) + "\n", encoding="utf-8")
        c = self.counts
        return {
            "conversations": self.conversations.count,
            "conversations_by_status": {s: c[f"conversations_{s}"] for s in ("open", "pending", "resolved", "snoozed")},
            "messages": self.messages.count,
            "messages_by_type": {k: c[f"messages_{k}"] for k in ("incoming", "outgoing", "activity", "template")},
            **{k: c[k] for k in ("private_notes", "human_replies", "bot_replies")},
            "agents": len(self.agents),
            **self.surveys.truths(),
        }
