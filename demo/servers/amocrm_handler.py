"""The request handler of the local amoCRM API: faults, its 7-per-second limit, bearer auth, routing.

Errors are RFC 7807 problem documents, as amoCRM v4 sends them (`application/problem+json` with
`title`, `type` on httpstatus.es, `status`, `detail`); a 503 comes from the nginx in front, as HTML.
An empty page is 204 with no body at all.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from demo.servers.amocrm_store import ENTITIES, AmoCrmData, BadRequest, page
from demo.servers.local import KeepAliveHandler

if TYPE_CHECKING:
    from demo.servers.amocrm import AmoCrmLocalServer

_TITLES = {400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests"}
_UNAVAILABLE = b"<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>"


class AmoCrmHandler(KeepAliveHandler):
    server: AmoCrmLocalServer

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        number = self.server.number_request("GET", url.path)
        fault = self.server.faults.fault_for(number)
        if fault == "drop":
            self.close_connection = True
            return
        retry_after = {"Retry-After": str(self.server.faults.retry_after_seconds)}
        if fault == "rate_limit" or (fault is None and not self.server.limit.admit()):
            self._problem(number, 429, "Too many requests: at most 7 per second", retry_after)
        elif fault == "unavailable":
            self._send(number, 503, _UNAVAILABLE, "text/html")
        elif self.headers.get("Authorization") != f"Bearer {self.server.token}":
            self._problem(number, 401, "Invalid user name or password")
        else:
            try:
                self._route(number, url.path.rstrip("/"), parse_qs(url.query))
            except BadRequest as error:
                self._problem(number, 400, str(error))

    def _route(self, number: int, path: str, query: dict[str, list[str]]) -> None:
        data: AmoCrmData = self.server.data
        if path == "/api/v4/leads/pipelines":
            self._json(number, data.pipelines)
            return
        entity = path.removeprefix("/api/v4/")
        if entity not in ENTITIES:
            self._problem(number, 404, f"No route for {path}")
            return
        found = page(data, entity, query, self.server.url, self.server.faults.malformed_record_id)
        if found is None:
            self._send(number, 204, b"", None)
        else:
            self._json(number, found)

    def _json(self, number: int, payload: Any) -> None:
        self._send(number, 200, json.dumps(payload, ensure_ascii=False).encode(), "application/hal+json")

    def _problem(self, number: int, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        problem = {"title": _TITLES[status], "type": f"https://httpstatus.es/{status}", "status": status}
        body = json.dumps({**problem, "detail": detail}).encode()
        self._send(number, status, body, "application/problem+json", headers)

    def _send(
        self, number: int, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status != 204:
            self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.server.record_status(number, status)
