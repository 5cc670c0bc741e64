"""The type-specific part of an inbound webhook message: `text`, `button`, `interactive`, media...

Media carry Meta's media object (id, mime_type, sha256, optional caption); an `unsupported` message
carries the `errors` Meta sends for types the Cloud API cannot render, which a parser must keep.
"""

from __future__ import annotations

import random
from typing import Any

from demo.messages import Message

_MEDIA = {
    "image": "image/jpeg",
    "sticker": "image/webp",
    "video": "video/mp4",
    "audio": "audio/ogg; codecs=opus",
    "document": "application/pdf",
}
_CAPTIONS = ("", "", "see this", "هذا المنتج", "вот фото", "invoice")


def inbound_content(rng: random.Random, message: Message) -> dict[str, Any]:
    kind = message.kind
    if kind == "text":
        return {"text": {"body": message.text}}
    if kind == "button":
        payload, title = message.button or ("", "")
        return {"button": {"payload": payload, "text": title}}
    if kind == "interactive":
        reply_id, title = message.button or ("", "")
        return {"interactive": {"type": message.text, message.text: {"id": reply_id, "title": title}}}
    if kind == "reaction":
        return {"reaction": {"message_id": message.context_id, "emoji": message.text}}
    if kind in _MEDIA:
        media: dict[str, Any] = {
            "mime_type": _MEDIA[kind],
            "sha256": rng.randbytes(32).hex(),
            "id": str(rng.randint(10**15, 10**16 - 1)),
        }
        caption = rng.choice(_CAPTIONS) if kind in {"image", "video", "document"} else ""
        if caption:
            media["caption"] = caption
        if kind == "document":
            media["filename"] = f"scan_{rng.randint(1, 999)}.pdf"
        return {kind: media}
    if kind == "location":
        return {
            "location": {
                "latitude": round(rng.uniform(-35, 56), 6),
                "longitude": round(rng.uniform(-100, 77), 6),
            }
        }
    if kind == "contacts":
        return {
            "contacts": [
                {
                    "name": {"formatted_name": "Sam", "first_name": "Sam"},
                    "phones": [{"phone": "+971 50 000 0000", "type": "CELL"}],
                }
            ]
        }
    return {
        "errors": [
            {
                "code": 131051,
                "title": "Message type unknown",
                "message": "Message type unknown",
                "error_data": {"details": "Message type is currently not supported."},
            }
        ]
    }
