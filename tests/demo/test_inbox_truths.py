"""The inbox truths can be reproduced from crm/chatwoot/*.json alone, and the inbox mirrors WhatsApp."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.demo.landing_reader import read_landing


def load(dataset: Path, name: str) -> Any:
    return json.loads((dataset / "crm" / "chatwoot" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def inbox(dataset: Path) -> dict[str, Any]:
    return json.loads((dataset / "truths.json").read_text())["inbox"]


def test_conversation_message_and_agent_counts(inbox: dict[str, Any], dataset: Path) -> None:
    conversations, messages = load(dataset, "conversations"), load(dataset, "messages")
    assert inbox["conversations"] == len(conversations) > 100
    assert inbox["conversations_by_status"] == {
        s: sum(c["status"] == s for c in conversations) for s in ("open", "pending", "resolved", "snoozed")
    }
    kinds = Counter(("incoming", "outgoing", "activity", "template")[m["message_type"]] for m in messages)
    assert inbox["messages_by_type"] == {k: kinds[k] for k in ("incoming", "outgoing", "activity", "template")}
    human = [
        m
        for m in messages
        if m["message_type"] == 1
        and (m.get("sender") or {}).get("type") == "user"
        and not m["private"]
        and "campaign_id" not in m["additional_attributes"]
    ]
    assert inbox["human_replies"] == len(human) > 0
    assert inbox["bot_replies"] == sum((m.get("sender") or {}).get("type") == "agent_bot" for m in messages) > 0
    assert inbox["private_notes"] == sum(m["private"] for m in messages) > 0
    assert inbox["agents"] == len(load(dataset, "agents")) == 10
    assert {m["conversation_id"] for m in messages} == {c["id"] for c in conversations}


def test_csat_mean_and_the_planted_low_week(inbox: dict[str, Any], dataset: Path) -> None:
    responses = load(dataset, "csat_survey_responses")
    ratings = [r["rating"] for r in responses]
    assert inbox["csat_responses"] == len(ratings) > 0
    assert inbox["csat_mean"] == round(sum(ratings) / len(ratings), 4)
    weeks: dict[str, list[int]] = defaultdict(list)
    for response in responses:
        weeks["{}-W{:02d}".format(*datetime.fromtimestamp(response["created_at"], UTC).isocalendar()[:2])].append(
            response["rating"]
        )
    planted = inbox["low_csat_week"]
    low = weeks[planted["iso_week"]]
    assert planted["responses"] == len(low) > 0
    assert planted["mean"] == round(sum(low) / len(low), 4) < 3.5


def test_inbox_messages_are_the_whatsapp_messages_of_the_same_people(dataset: Path) -> None:
    landing = read_landing(dataset)
    messages = load(dataset, "messages")
    wamids = {m["source_id"] for m in messages if m["source_id"]}
    assert wamids and wamids <= set(landing.inbound) | set(landing.statuses)
    for message in messages:
        if message["message_type"] == 0:
            inbound = landing.inbound[message["source_id"]]
            assert int(inbound["timestamp"]) == message["created_at"]
    senders = {m["source_id"]: m for m in messages if m["message_type"] == 0}
    phones = {c["meta"]["sender"]["id"]: c["meta"]["sender"]["phone_number"] for c in load(dataset, "conversations")}
    for wamid, message in senders.items():
        phone = phones[message["sender"]["id"]]
        assert phone is None or phone == "+" + landing.inbound[wamid]["from"]


def test_the_auto_reply_bot_answers_within_seconds_as_planted(inbox: dict[str, Any], dataset: Path) -> None:
    planted = json.loads((dataset / "truths.json").read_text())["auto_reply"]
    assert 0.88 < planted["rate"] == round(planted["answered"] / planted["triggering_messages"], 4) < 0.97
    messages = load(dataset, "messages")
    incoming: dict[int, list[int]] = defaultdict(list)
    for message in messages:
        if message["message_type"] == 0:
            incoming[message["conversation_id"]].append(message["created_at"])
    bot = [m for m in messages if (m.get("sender") or {}).get("type") == "agent_bot"]
    assert planted["answered"] == len(bot) == inbox["bot_replies"]
    for reply in bot:
        # Each bot reply answers a customer message of its conversation 2-15 s earlier.
        assert any(2 <= reply["created_at"] - at <= 15 for at in incoming[reply["conversation_id"]])
        assert reply["message_type"] == 1 and reply["source_id"].startswith("wamid.")
