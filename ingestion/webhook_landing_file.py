"""Appends webhook bodies to the day's NDJSON file, durably, one body per line.

Meta retries a delivery until it gets a 200 and offers no API to fetch a message again, so a body
is on disk (written and fsynced) before the receiver answers. Valid JSON has no raw line breaks
inside strings, so replacing CR/LF bytes with spaces keeps any body on one line without changing
what it means.
"""

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

from ingestion.whatsapp_webhooks import day_folder


class LandingFile:
    """The receiver's append-only files: `<landing>/whatsapp/<received UTC date>/webhooks-<name>.ndjson`."""

    def __init__(self, landing_dir: Path, name: str) -> None:
        self._landing_dir = landing_dir
        self._name = name
        self._lock = threading.Lock()

    def path_for(self, received_at: datetime) -> Path:
        return day_folder(self._landing_dir, received_at.date()) / f"webhooks-{self._name}.ndjson"

    def append(self, body: bytes, received_at: datetime | None = None) -> Path:
        """Write `body` as one line and fsync it; return the file it went to."""
        path = self.path_for(received_at or datetime.now(UTC))
        line = body.replace(b"\r", b" ").replace(b"\n", b" ") + b"\n"
        with self._lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(descriptor, line)
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        return path
