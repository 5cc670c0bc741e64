"""Writes webhook POST bodies as NDJSON files, one folder per UTC day the webhook was received.

Events are grouped by received day and batched into bodies of 1-50 changes, as Meta batches them.
About 2 % of bodies are delivered twice (at-least-once delivery): the same line again, later in the
same day or on the next day. Lines are buffered per day and appended in chunks, so memory stays flat
however many messages are generated.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from demo.config import DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID, WABA_ID
from demo.json_files import dump
from demo.webhook_events import Event

BODIES_PER_FILE = 2_000
DUPLICATE_SHARE = 0.02
_FLUSH_BYTES = 128 * 1024
_METADATA = {"display_phone_number": DISPLAY_PHONE_NUMBER, "phone_number_id": PHONE_NUMBER_ID}


def _change(events: list[Event], contact: Event | None) -> Event:
    value: Event = {"messaging_product": "whatsapp", "metadata": _METADATA}
    if contact is None:
        value["statuses"] = events
    else:
        value["contacts"] = [contact]
        value["messages"] = events
    return {"value": value, "field": "messages"}


class LandingWriter:
    """Collects (received day, event) pairs and writes them as webhook bodies under `root`."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng = root, rng
        self._pending: dict[int, list[tuple[Event, Event | None]]] = defaultdict(list)
        self._batch_size: dict[int, int] = {}
        self._lines: dict[int, list[str]] = defaultdict(list)
        self._buffered: dict[int, int] = defaultdict(int)
        self._written: dict[int, int] = defaultdict(int)
        self.bodies = 0
        self.duplicate_bodies = 0
        self.duplicate_events = 0

    def add(self, received_at: int, event: Event, contact: Event | None = None) -> None:
        """Queue one event; `contact` is the `contacts[]` entry of an inbound message, None for a status."""
        day = received_at // 86_400
        pending = self._pending[day]
        pending.append((event, contact))
        if day not in self._batch_size:
            self._batch_size[day] = self._next_size()
        if len(pending) >= self._batch_size[day]:
            self._emit(day)

    def _next_size(self) -> int:
        return min(50, 1 + int(self.rng.expovariate(1 / 18)))

    def _emit(self, day: int) -> None:
        pending, changes = self._pending.pop(day), []
        statuses: list[Event] = []
        for event, contact in pending:
            if contact is None:
                statuses.append(event)
                continue
            if statuses:
                changes.append(_change(statuses, None))
                statuses = []
            changes.append(_change([event], contact))
        if statuses:
            changes.append(_change(statuses, None))
        body: dict[str, Any] = {
            "object": "whatsapp_business_account",
            "entry": [{"id": WABA_ID, "changes": changes}],
        }
        line = dump(body)
        self._batch_size[day] = self._next_size()
        self._append(day, line)
        self.bodies += 1
        if self.rng.random() < DUPLICATE_SHARE:
            self.duplicate_bodies += 1
            self.duplicate_events += len(pending)
            later_day = day if self.rng.random() < 0.6 else day + 1
            self._append(later_day, line)

    def _append(self, day: int, line: str) -> None:
        self._lines[day].append(line)
        self._buffered[day] += len(line)
        if self._buffered[day] >= _FLUSH_BYTES:
            self._flush(day)

    def _flush(self, day: int) -> None:
        lines = self._lines.pop(day, [])
        self._buffered[day] = 0
        folder = self.root / datetime.fromtimestamp(day * 86_400, UTC).strftime("%Y-%m-%d")
        folder.mkdir(parents=True, exist_ok=True)
        while lines:
            number = self._written[day] // BODIES_PER_FILE + 1
            room = number * BODIES_PER_FILE - self._written[day]
            chunk, lines = lines[:room], lines[room:]
            with (folder / f"webhooks-{number:04d}.ndjson").open("a", encoding="utf-8") as handle:
                handle.write("\n".join(chunk) + "\n")
            self._written[day] += len(chunk)

    def close(self) -> None:
        """Emit the last partial batches and write everything still buffered."""
        for day in sorted(self._pending):
            if self._pending[day]:
                self._emit(day)
        for day in sorted(self._lines):
            self._flush(day)
