"""The shapes Chatwoot's v1 API gives agents, contacts, messages and conversations (its jbuilder views).

Times are unix seconds; `message_type` is 0 incoming, 1 outgoing, 2 activity, 3 template (the CSAT
survey); a sender carries `type` contact, user or agent_bot, and activity and survey messages have
none. Records are plain dicts so the generator writes them as they are served.
"""

from __future__ import annotations

from typing import Any

from demo.people import Person

Record = dict[str, Any]
ACCOUNT_ID = 1
INBOX_ID = 1
_AGENT_NAMES = (
    "Sara Haddad",
    "Omar Khalil",
    "Layla Nasser",
    "Dmitry Volkov",
    "Anna Sokolova",
    "James Carter",
    "Emily Brooks",
    "Yusuf Rahman",
    "Olga Petrova",
    "Daniel Reyes",
)
_SENDER_TYPES = {"contact": "Contact", "user": "User", "agent_bot": "AgentBot"}
AUTO_REPLY_BOT = {"id": 1, "name": "Auto-reply", "avatar_url": "", "type": "agent_bot"}


def agents() -> list[Record]:
    """The team answering the inbox: two administrators, the rest agents."""
    return [
        {
            "id": number,
            "account_id": ACCOUNT_ID,
            "availability_status": ("online", "busy", "offline")[number % 3],
            "auto_offline": True,
            "confirmed": True,
            "email": f"{name.split()[0].lower()}@demo-business.example",
            "provider": "email",
            "available_name": name.split()[0],
            "name": name,
            "role": "administrator" if number <= 2 else "agent",
            "thumbnail": "",
        }
        for number, name in enumerate(_AGENT_NAMES, start=1)
    ]


def user_sender(agent: Record) -> Record:
    """An agent as a message's `sender` (User#push_event_data)."""
    keys = ("id", "name", "available_name", "availability_status", "thumbnail")
    return {**{k: agent[k] for k in keys}, "avatar_url": "", "type": "user"}


def contact(contact_id: int, person: Person, with_email: bool) -> Record:
    """The person as Chatwoot's WhatsApp inbox knows them: `+` and the wa_id, or no phone (BSUID)."""
    return {
        "additional_attributes": {},
        "availability_status": "offline",
        "custom_attributes": {},
        "email": person.email if with_email else None,
        "id": contact_id,
        "identifier": person.user_id,
        "name": person.profile_name,
        "phone_number": f"+{person.wa_id}" if person.wa_id else None,
        "thumbnail": "",
        "type": "contact",
    }


def message(
    message_id: int, conversation_id: int, message_type: int, at: int, content: str | None, sender: Record | None
) -> Record:
    """A message as the messages endpoint returns it, its sender trimmed to id, name and type.

    Callers fill `source_id` (the wamid), `content_attributes`, `additional_attributes` and `private`.
    """
    record: Record = {
        "id": message_id,
        "content": content,
        "inbox_id": INBOX_ID,
        "conversation_id": conversation_id,
        "message_type": message_type,
        "created_at": at,
        "private": False,
        "status": "sent",
        "source_id": None,
        "content_type": "text",
        "content_attributes": {},
        "additional_attributes": {},
        "sender_type": _SENDER_TYPES[sender["type"]] if sender else None,
        "sender_id": sender["id"] if sender else None,
    }
    if sender is not None:
        record["sender"] = {"id": sender["id"], "name": sender["name"], "type": sender["type"]}
    return record


def conversation(
    conversation_id: int, uuid: str, sender: Record, assignee: Record | None, messages: list[Record], status: str
) -> Record:
    """The conversation as the list endpoint returns it (less `messages`, which the server attaches)."""
    first, last = messages[0]["created_at"], messages[-1]["created_at"]
    replies = [m["created_at"] for m in messages if m["message_type"] == 1 and not m["private"]]
    meta: Record = {"sender": sender, "channel": "Channel::Whatsapp", "hmac_verified": False}
    if assignee is not None:
        meta["assignee"] = assignee
    return {
        "meta": meta,
        "id": conversation_id,
        "account_id": ACCOUNT_ID,
        "uuid": uuid,
        "additional_attributes": {},
        "agent_last_seen_at": last,
        "assignee_last_seen_at": last,
        "can_reply": True,
        "contact_last_seen_at": last,
        "custom_attributes": {},
        "inbox_id": INBOX_ID,
        "labels": [],
        "muted": False,
        "snoozed_until": None,
        "status": status,
        "created_at": first,
        "updated_at": last + 0.25,  # a float since Chatwoot v3; saved just after its last activity
        "timestamp": last,
        "first_reply_created_at": replies[0] if replies else 0,
        "last_activity_at": last,
        "priority": None,
        "waiting_since": 0,
    }
