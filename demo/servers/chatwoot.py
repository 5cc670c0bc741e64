"""A local Chatwoot application API: `with ChatwootServer(data, token="t") as server: server.url`.

Serves account 1's conversations, messages, agents and CSAT responses over a real socket on
127.0.0.1 with `api_access_token` auth, Chatwoot's paging and error bodies, and the faults in
`Faults` (`malformed_record_id` names a conversation served without its `id`). `server.requests`
logs every request as (number, method, path, answer status).
"""

from __future__ import annotations

from pathlib import Path

from demo.servers.chatwoot_handler import ChatwootHandler
from demo.servers.chatwoot_store import ChatwootData
from demo.servers.faults import Faults
from demo.servers.local import BackgroundServer, LoggingServer

ACCOUNT_ID = ChatwootHandler.account_id


class ChatwootServer(BackgroundServer):
    def __init__(
        self,
        data: Path | ChatwootData,
        token: str,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        records = data if isinstance(data, ChatwootData) else ChatwootData.from_dir(Path(data))
        server = LoggingServer((host, port), ChatwootHandler, records, token, faults or Faults())
        super().__init__(server, "chatwoot-server")
