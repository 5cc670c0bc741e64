"""A local amoCRM / Kommo v4 API: `with AmoCrmServer(data, token="t") as server: server.url`.

Serves leads (`with=contacts`), contacts, `lead_status_changed` events and the lead pipelines over a
real socket on 127.0.0.1, with bearer auth, amoCRM's problem bodies, its 204 on an empty page, its
limit of 7 requests per second (429 beyond), and the faults in `Faults` (`malformed_record_id` names
a record served without its `id`). `server.requests` logs (number, method, path, answer status).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from pathlib import Path

from demo.servers.amocrm_handler import AmoCrmHandler
from demo.servers.amocrm_store import AmoCrmData
from demo.servers.faults import Faults
from demo.servers.local import BackgroundServer, LoggingServer

REQUESTS_PER_SECOND = 7  # amoCRM's documented limit per integration


class RollingLimit:
    """Admits at most `per_second` requests in any rolling second; refused requests do not count."""

    def __init__(self, per_second: int) -> None:
        self.per_second = per_second
        self._admitted: deque[float] = deque()
        self._lock = threading.Lock()

    def admit(self) -> bool:
        with self._lock:
            now = time.monotonic()
            while self._admitted and now - self._admitted[0] >= 1.0:
                self._admitted.popleft()
            if len(self._admitted) >= self.per_second:
                return False
            self._admitted.append(now)
            return True


class AmoCrmLocalServer(LoggingServer):
    """The shared logging server plus amoCRM's request limit."""

    def __init__(self, address: tuple[str, int], data: AmoCrmData, token: str, faults: Faults, limit: int) -> None:
        super().__init__(address, AmoCrmHandler, data, token, faults)
        self.limit = RollingLimit(limit)


class AmoCrmServer(BackgroundServer):
    def __init__(
        self,
        data: Path | AmoCrmData,
        token: str,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        requests_per_second: int = REQUESTS_PER_SECOND,
    ) -> None:
        records = data if isinstance(data, AmoCrmData) else AmoCrmData.from_dir(Path(data))
        server = AmoCrmLocalServer((host, port), records, token, faults or Faults(), requests_per_second)
        super().__init__(server, "amocrm-server")
