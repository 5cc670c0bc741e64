"""A provider API that answers whatever JSON a test hands it, on a real socket on 127.0.0.1.

The demo's simulators serve well-formed records; the bad-input corpus needs an API that serves
records no simulator would (no id, a year-9999 time, a 40-digit number), so the connectors read
them over real HTTP exactly as they read a provider's answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from demo.servers.faults import Faults
from demo.servers.local import BackgroundServer, LoggingServer

# (method, path, query) → (HTTP status, JSON document or None for an empty body)
Answer = Callable[[str, str, dict[str, list[str]]], tuple[int, Any]]


class ReplayHandler(BaseHTTPRequestHandler):
    server: LoggingServer

    def do_GET(self) -> None:
        self._reply()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._reply()

    def _reply(self) -> None:
        parts = urlsplit(self.path)
        number = self.server.number_request(self.command, parts.path)
        status, document = self.server.data(self.command, parts.path, parse_qs(parts.query))
        # The stdlib encoder writes big integers as digits and lone surrogates as escapes, as a provider might.
        body = b"" if document is None else json.dumps(document).encode("ascii")
        self.server.record_status(number, status)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # a client that gave up on a slow answer has gone; it retries on a new connection

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the request log on the server is what tests read."""


class ReplayServer(BackgroundServer):
    def __init__(self, answer: Answer) -> None:
        super().__init__(LoggingServer(("127.0.0.1", 0), ReplayHandler, answer, "", Faults()), name="replay-server")
