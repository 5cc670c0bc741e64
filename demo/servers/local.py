"""A provider API on a real socket on 127.0.0.1, run in a background thread for a `with` block.

The handler class decides the provider; this module owns what every local API shares: the request
log a test reads to see the client's retries (number, method, path, answer status), and start/stop.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from demo.servers.faults import Faults


class KeepAliveHandler(BaseHTTPRequestHandler):
    """What every local API's handler shares: HTTP/1.1 keep-alive, answered in one segment, quietly."""

    protocol_version = "HTTP/1.1"
    # Headers and body leave in one segment: written apart, a keep-alive client waits out a delayed ACK
    # (about 40 ms) per request, which turns a pull of thousands of pages into minutes.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # the test output stays quiet
        return


class LoggingServer(ThreadingHTTPServer):
    """The socket server plus the state its handlers share: data, token, faults, request log."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], data: Any, token: str, faults: Faults
    ) -> None:
        super().__init__(address, handler)
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


class BackgroundServer:
    """Serves a `LoggingServer` from a daemon thread while the `with` block runs."""

    def __init__(self, server: LoggingServer, name: str) -> None:
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def data(self) -> Any:
        return self._server.data

    @property
    def requests(self) -> list[tuple[int, str, str, int | None]]:
        with self._server.lock:
            return list(self._server.requests)

    def __enter__(self) -> BackgroundServer:
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
