"""Reads the landing files back the plain way, independently of the generator's own code."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATUS_RANK = {"sent": 1, "delivered": 2, "read": 3}


@dataclass
class Landing:
    lines: list[str] = field(default_factory=list)
    inbound: dict[str, dict[str, Any]] = field(default_factory=dict)
    statuses: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # id -> status -> event

    def final_status(self, message_id: str) -> str:
        seen = self.statuses[message_id]
        reached = [s for s in seen if s in STATUS_RANK]
        best = max(reached, key=STATUS_RANK.__getitem__)
        return "failed" if "failed" in seen and best == "sent" else best


def landing_files(root: Path) -> Iterator[Path]:
    yield from sorted((root / "landing" / "whatsapp").glob("*/webhooks-*.ndjson"))


def read_landing(root: Path) -> Landing:
    landing = Landing()
    for path in landing_files(root):
        for line in path.read_text(encoding="utf-8").splitlines():
            landing.lines.append(line)
            for entry in json.loads(line)["entry"]:
                for change in entry["changes"]:
                    value = change["value"]
                    for message in value.get("messages", []):
                        landing.inbound[message["id"]] = message
                    for status in value.get("statuses", []):
                        landing.statuses.setdefault(status["id"], {})[status["status"]] = status
    return landing
