"""The request handler of the local Chatwoot API: faults, `api_access_token` auth, routing, error bodies.

Bodies as Chatwoot sends them: 401 `{"error": "Invalid Access Token"}`, 404 `{"error": "Resource could
not be found"}`, and Rack::Attack's plain-text 429 `Retry later` (here with a `Retry-After`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import orjson

from demo.servers.chatwoot_store import ChatwootData, conversation_page, csat_page, encoded, message_page
from demo.servers.local import KeepAliveHandler

if TYPE_CHECKING:
    from demo.servers.local import LoggingServer

_ROUTE = re.compile(r"^/api/v1/accounts/(?P<account>\d+)/(?P<rest>.+?)/?$")
_MESSAGES = re.compile(r"^conversations/(?P<id>\d+)/messages$")
_NOT_FOUND = {"error": "Resource could not be found"}


class ChatwootHandler(KeepAliveHandler):
    server: LoggingServer
    account_id = "1"  # the one account the demo business uses

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        number = self.server.number_request("GET", url.path)
        fault = self.server.faults.fault_for(number)
        if fault == "drop":
            self.close_connection = True
            return
        if fault == "rate_limit":
            headers = {"Retry-After": str(self.server.faults.retry_after_seconds)}
            self._send(number, 429, b"Retry later\n", "text/plain", headers)
        elif fault == "unavailable":
            self._send(number, 503, b"<h1>503 Service Unavailable</h1>", "text/html")
        elif self.headers.get("api_access_token") != self.server.token:
            self._json(number, 401, {"error": "Invalid Access Token"})
        else:
            status, payload = self._route(url.path, dict(parse_qsl(url.query)))
            self._json(number, status, payload)

    def _route(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        match = _ROUTE.match(path)
        if match is None or match["account"] != self.account_id:
            return 404, _NOT_FOUND
        data: ChatwootData = self.server.data
        rest = match["rest"]
        try:
            if rest == "conversations":
                return 200, conversation_page(data, query, self.server.faults.malformed_record_id)
            if rest == "agents":
                return 200, data.agents
            if rest == "csat_survey_responses":
                return 200, csat_page(data, query)
            messages = _MESSAGES.match(rest)
            if messages:
                before = int(query["before"]) if query.get("before") else None
                page = message_page(data, int(messages["id"]), before)
                return (404, _NOT_FOUND) if page is None else (200, page)
        except ValueError as error:
            return 400, {"error": str(error)}
        return 404, _NOT_FOUND

    def _json(self, number: int, status: int, payload: Any) -> None:
        self._send(number, status, orjson.dumps(payload, default=encoded), "application/json; charset=utf-8")

    def _send(
        self, number: int, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.server.record_status(number, status)
