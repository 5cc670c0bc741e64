"""A local HubSpot CRM v3 API: `with HubSpotServer(data, token="t") as server: server.url`.

Serves contacts, deals (with `associations=contacts`), deal pipelines and the search endpoints over
a real socket on 127.0.0.1, with bearer-token auth, HubSpot's error bodies, and the faults in
`Faults`. Every request is logged in `server.requests` as (number, method, path, answer status), so
a test can see the retries a client made.
"""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from demo.servers.faults import Faults
from demo.servers.hubspot_handler import HubSpotHandler
from demo.servers.hubspot_store import HubSpotData


class LocalServer(ThreadingHTTPServer):
    """The socket server plus the state its handlers share."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], data: HubSpotData, token: str, faults: Faults) -> None:
        super().__init__(address, HubSpotHandler)
        self.data, self.token, self.faults = data, token, faults
        self.url = f"http://{address[0]}:{self.server_address[1]}"
        self.lock = threading.Lock()
        self.requests: list[tuple[int, str, str, int | None]] = []

    def number_request(self, method: str, path: str) -> int:
        with self.lock:
            self.requests.append((len(self.requests) + 1, method, path, None))
            return len(self.requests)

    def record_status(self, number: int, status: int) -> None:
        with self.lock:
            self.requests[number - 1] = (*self.requests[number - 1][:3], status)


class HubSpotServer:
    """Runs a `LocalServer` in a background thread for the duration of a `with` block."""

    def __init__(
        self,
        data: Path | HubSpotData,
        token: str,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        records = data if isinstance(data, HubSpotData) else HubSpotData.from_dir(Path(data))
        self._server = LocalServer((host, port), records, token, faults or Faults())
        self._thread = threading.Thread(target=self._server.serve_forever, name="hubspot-server", daemon=True)

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def requests(self) -> list[tuple[int, str, str, int | None]]:
        with self._server.lock:
            return list(self._server.requests)

    def __enter__(self) -> HubSpotServer:
        self._thread.start()
        return self

    def wait(self) -> None:
        """Block until interrupted (the `serve` command)."""
        try:
            self._thread.join()
        except KeyboardInterrupt:
            return

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
