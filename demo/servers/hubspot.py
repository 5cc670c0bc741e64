"""A local HubSpot CRM v3 API: `with HubSpotServer(data, token="t") as server: server.url`.

Serves contacts, deals (with `associations=contacts`), deal pipelines, the batch read (with
`propertiesWithHistory`) and the search endpoints over
a real socket on 127.0.0.1, with bearer-token auth, HubSpot's error bodies, and the faults in
`Faults`. Every request is logged in `server.requests` as (number, method, path, answer status), so
a test can see the retries a client made.
"""

from __future__ import annotations

from pathlib import Path

from demo.servers.faults import Faults
from demo.servers.hubspot_handler import HubSpotHandler
from demo.servers.hubspot_store import HubSpotData
from demo.servers.local import BackgroundServer, LoggingServer


class HubSpotServer(BackgroundServer):
    """The HubSpot handler on the shared logging server, run for the duration of a `with` block."""

    def __init__(
        self,
        data: Path | HubSpotData,
        token: str,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        records = data if isinstance(data, HubSpotData) else HubSpotData.from_dir(Path(data))
        server = LoggingServer((host, port), HubSpotHandler, records, token, faults or Faults())
        super().__init__(server, name="hubspot-server")
