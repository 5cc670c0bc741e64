"""The request handler of the local HubSpot API: faults, auth, routing and HubSpot's error bodies."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from demo.servers.hubspot_store import BadRequest, associations_batch, batch_read, list_page, search, shape
from demo.servers.local import KeepAliveHandler

if TYPE_CHECKING:
    from demo.servers.local import LoggingServer

_AUTH_MESSAGE = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
    "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)
_OBJECTS = ("contacts", "deals")


class HubSpotHandler(KeepAliveHandler):
    server: LoggingServer

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        number = self.server.number_request(method, url.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) if method == "POST" else b""
        fault = self.server.faults.fault_for(number)
        if fault == "drop":
            self.close_connection = True
            return
        correlation = str(uuid.UUID(int=number))
        if fault == "rate_limit":
            self._error(
                number,
                429,
                "You have reached your ten_secondly_rolling limit.",
                "RATE_LIMITS",
                correlation,
                {"errorType": "RATE_LIMIT", "policyName": "TEN_SECONDLY_ROLLING"},
                {"Retry-After": str(self.server.faults.retry_after_seconds)},
            )
        elif fault == "unavailable":
            self._error(number, 503, "Service Unavailable", "SERVICE_UNAVAILABLE", correlation)
        elif self.headers.get("Authorization") != f"Bearer {self.server.token}":
            self._error(number, 401, _AUTH_MESSAGE, "INVALID_AUTHENTICATION", correlation)
        else:
            try:
                status, payload = self._route(method, url.path, parse_qs(url.query), body)
            except (BadRequest, ValueError, KeyError) as error:
                self._error(number, 400, str(error), "VALIDATION_ERROR", correlation)
                return
            self._send(number, status, payload)

    def _route(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        data = self.server.data
        if method == "GET" and parts == ["crm", "v3", "pipelines", "deals"]:
            return 200, data.pipelines
        if method == "GET" and len(parts) == 4 and parts[:3] == ["crm", "v3", "objects"] and parts[3] in _OBJECTS:
            return 200, self._list(parts[3], query, path)
        if method == "POST" and len(parts) == 5 and parts[3] in _OBJECTS and parts[4] == "search":
            request = json.loads(body or b"{}")
            page, total, after = search(data, parts[3], request)
            results = [shape(r, parts[3], request.get("properties"), False, self._malformed()) for r in page]
            return 200, {
                "total": total,
                "results": results,
                **({"paging": {"next": {"after": after}}} if after else {}),
            }
        if method == "POST" and len(parts) == 6 and parts[3] in _OBJECTS and parts[4:] == ["batch", "read"]:
            return 200, batch_read(data.by_id(parts[3]), parts[3], json.loads(body or b"{}"), self._malformed())
        if method == "POST" and parts == ["crm", "v4", "associations", "deals", "contacts", "batch", "read"]:
            return 200, associations_batch(data.by_id("deals"), json.loads(body or b"{}"))
        return 404, {
            "status": "error",
            "message": f"Unable to route {method} {path}",
            "category": "OBJECT_NOT_FOUND",
        }

    def _list(self, kind: str, query: dict[str, list[str]], path: str) -> dict[str, Any]:
        limit = min(max(int(query.get("limit", ["10"])[0]), 1), 100)
        names = ",".join(query["properties"]).split(",") if "properties" in query else None
        associations = "contacts" in ",".join(query.get("associations", [])).split(",")
        page, after = list_page(self.server.data.objects(kind), limit, query.get("after", [None])[0])
        payload: dict[str, Any] = {"results": [shape(r, kind, names, associations, self._malformed()) for r in page]}
        if after:
            link_query = {k: v[0] for k, v in query.items() if k != "after"} | {"after": after}
            payload["paging"] = {"next": {"after": after, "link": f"{self.server.url}{path}?{urlencode(link_query)}"}}
        return payload

    def _malformed(self) -> str | None:
        return self.server.faults.malformed_record_id

    def _error(
        self,
        number: int,
        status: int,
        message: str,
        category: str,
        correlation: str,
        extra: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        payload = {
            "status": "error",
            "message": message,
            "correlationId": correlation,
            "category": category,
            **(extra or {}),
        }
        self._send(number, status, payload, headers)

    def _send(self, number: int, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        raw = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(raw)
        self.server.record_status(number, status)
