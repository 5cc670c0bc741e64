"""The Chatwoot v1 application API's read side over in-memory records: filters, sorting, paging.

Pure functions of the records and the query, so the rules are testable without HTTP. Rules as
Chatwoot's finders apply them: conversations are listed 25 a page, `status` defaults to `open`
(`all` lists every status), `sort_by` defaults to the latest activity first, a page past the end
is empty; messages come 20 at a time, the latest ones or the 20 before `before` (a message id),
oldest first; CSAT responses 25 a page, filtered by `created_at` only when both `since` and
`until` (unix seconds) are given.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

Record = dict[str, Any]
CONVERSATIONS_PER_PAGE = 25
MESSAGES_PER_PAGE = 20
CSAT_PER_PAGE = 25
_SORTS = {
    "last_activity_at_desc": ("timestamp", True),
    "last_activity_at_asc": ("timestamp", False),
    "created_at_desc": ("created_at", True),
    "created_at_asc": ("created_at", False),
}


class EncodedMessage(Mapping[str, Any]):
    """A message kept as the JSON line the generator wrote, with the two fields the API's rules read at hand.

    A 10 M-message business's inbox holds 12 M messages: as Python dicts they outgrow the machine's memory, as
    their JSON bytes they take about what the file does. The handler's orjson writes the bytes into an answer as
    they are (`encoded`); any other field is read by decoding the line, which only tests do.
    """

    __slots__ = ("conversation_id", "id", "line")

    def __init__(self, line: bytes) -> None:
        record = orjson.loads(line)
        self.id: int = record["id"]
        self.conversation_id: int = record["conversation_id"]
        self.line = line

    def __getitem__(self, key: str) -> Any:
        if key == "id":
            return self.id
        if key == "conversation_id":
            return self.conversation_id
        return orjson.loads(self.line)[key]

    def __iter__(self) -> Iterator[str]:
        return iter(orjson.loads(self.line))

    def __len__(self) -> int:
        return len(orjson.loads(self.line))


def encoded(value: Any) -> orjson.Fragment:
    """orjson's `default`: an `EncodedMessage` is its own JSON."""
    if isinstance(value, EncodedMessage):
        return orjson.Fragment(value.line)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _encoded_lines(path: Path) -> list[EncodedMessage]:
    """The records of a JSON array written one per line (demo/json_files.py), without parsing them whole."""
    with path.open("rb") as lines:
        return [EncodedMessage(line.rstrip(b",\r\n")) for line in lines if line.startswith(b"{")]


@dataclass
class ChatwootData:
    """One account's conversations, messages (by conversation id), agents and CSAT responses."""

    conversations: list[Record]
    messages: list[Record] | list[EncodedMessage]
    agents: list[Record] = field(default_factory=list)
    csat_responses: list[Record] = field(default_factory=list)
    by_conversation: dict[int, list[Record] | list[EncodedMessage]] = field(init=False)
    by_id: dict[int, Record] = field(init=False)
    # Per (status, sort_by): the sorted conversations and how many are assigned, computed once, not once per page.
    listings: dict[tuple[str, str], tuple[list[Record], int]] = field(init=False)

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """(Re)build the per-conversation message lists, after a test changed the records."""
        self.by_conversation = defaultdict(list)
        self.by_id = {c["id"]: c for c in self.conversations}
        self.listings = {}
        for message in sorted(self.messages, key=lambda m: m["id"]):
            self.by_conversation[message["conversation_id"]].append(message)

    @classmethod
    def from_dir(cls, folder: Path) -> ChatwootData:
        """Load the files `demo generate` writes under `crm/chatwoot/`."""

        def load(name: str) -> Any:
            return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))

        messages = _encoded_lines(folder / "messages.json")
        return cls(load("conversations"), messages, load("agents"), load("csat_survey_responses"))


def conversation_page(data: ChatwootData, query: dict[str, str], drop_id: str | None) -> Record:
    """`{"data": {"meta": counts, "payload": [conversations]}}` for one page of the list."""
    status = query.get("status", "open")
    sort = query.get("sort_by", "") if query.get("sort_by", "") in _SORTS else "last_activity_at_desc"
    if (status, sort) not in data.listings:
        name, descending = _SORTS[sort]
        chosen = [c for c in data.conversations if status == "all" or c["status"] == status]
        listed = sorted(chosen, key=lambda c: (c[name], c["id"]), reverse=descending)
        data.listings[status, sort] = listed, sum(1 for c in listed if c["meta"].get("assignee"))
    found, assigned = data.listings[status, sort]
    start = (max(int(query.get("page", "1")), 1) - 1) * CONVERSATIONS_PER_PAGE
    payload = [_listed(data, c, drop_id) for c in found[start : start + CONVERSATIONS_PER_PAGE]]
    meta = {"mine_count": 0, "assigned_count": assigned, "unassigned_count": len(found) - assigned}
    return {"data": {"meta": {**meta, "all_count": len(found)}, "payload": payload}}


def _listed(data: ChatwootData, conversation: Record, drop_id: str | None) -> Record:
    """The conversation as the list shows it: its last message attached, like Chatwoot's partial."""
    messages = data.by_conversation.get(conversation["id"], [])
    out = {**conversation, "messages": messages[-1:], "unread_count": 0}
    if str(conversation["id"]) == drop_id:
        del out["id"]
    return out


def message_page(data: ChatwootData, conversation_id: int, before: int | None) -> Record | None:
    """`{"meta": …, "payload": [messages]}`, or None when the conversation does not exist."""
    conversation = data.by_id.get(conversation_id)
    if conversation is None:
        return None
    messages = data.by_conversation.get(conversation_id, [])
    if before is not None:
        messages = [m for m in messages if m["id"] < before]
    meta = {
        "labels": conversation["labels"],
        "additional_attributes": conversation.get("additional_attributes", {}),
        "contact": conversation["meta"]["sender"],
        "assignee": conversation["meta"].get("assignee"),
        "agent_last_seen_at": conversation.get("agent_last_seen_at"),
        "assignee_last_seen_at": conversation.get("assignee_last_seen_at"),
    }
    return {"meta": meta, "payload": messages[-MESSAGES_PER_PAGE:]}


def csat_page(data: ChatwootData, query: dict[str, str]) -> list[Record]:
    """One page of CSAT responses (a bare JSON array, as Chatwoot answers it)."""
    found = data.csat_responses
    if query.get("since") and query.get("until"):
        since, until = int(query["since"]), int(query["until"])
        found = [r for r in found if since <= r["created_at"] < until]
    start = (max(int(query.get("page", "1")), 1) - 1) * CSAT_PER_PAGE
    return found[start : start + CSAT_PER_PAGE]
