"""Webhook bodies in Meta's documented shape, built for the landing tests."""

import json
from typing import Any

WABA = "102290129340398"
METADATA = {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"}


def body(messages: list[dict] | None = None, statuses: list[dict] | None = None, **value: Any) -> dict:
    change_value: dict[str, Any] = {"messaging_product": "whatsapp", "metadata": METADATA, **value}
    if messages is not None:
        change_value["messages"] = messages
        change_value["contacts"] = [{"profile": {"name": "Test"}, "wa_id": messages[0].get("from", "")}]
    if statuses is not None:
        change_value["statuses"] = statuses
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA, "changes": [{"field": "messages", "value": change_value}]}],
    }


def text_message(message_id: str, sender: str = "971501234567", timestamp: str = "1767225600") -> dict:
    return {"from": sender, "id": message_id, "timestamp": timestamp, "type": "text", "text": {"body": "hi"}}


def status(message_id: str, value: str, timestamp: str = "1767225700") -> dict:
    return {
        "id": message_id,
        "status": value,
        "timestamp": timestamp,
        "recipient_id": "971501234567",
        "pricing": {"billable": True, "pricing_model": "PMP", "type": "regular", "category": "marketing"},
    }


def ndjson(*bodies: dict | str | bytes) -> bytes:
    lines = []
    for item in bodies:
        if isinstance(item, bytes):
            lines.append(item)
        elif isinstance(item, str):
            lines.append(item.encode("utf-8"))
        else:
            lines.append(json.dumps(item, ensure_ascii=False).encode("utf-8"))
    return b"\n".join(lines) + b"\n"
