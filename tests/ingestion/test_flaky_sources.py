"""Flaky sources change how long a pull takes, never what it lands; one that stays down lands nothing half-way.

Real servers on 127.0.0.1: the demo's HubSpot, amoCRM and Chatwoot APIs with their faults (429 with
Retry-After, bursts of 503, dropped connections), and a replayed amoCRM list that answers slowly or goes
down part-way through a pull.
"""

import re
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from demo.servers.amocrm import AmoCrmServer
from demo.servers.chatwoot import ACCOUNT_ID, ChatwootServer
from demo.servers.faults import Faults
from demo.servers.hubspot import HubSpotServer
from ingestion import amocrm, chatwoot, hubspot
from ingestion.errors import SourceError
from ingestion.http_client import RetrySettings, SourceClient
from ingestion.hubspot_stages import land_pipelines
from ingestion.raw_store import RawStore
from ingestion.raw_tables import ALL_TABLES
from tests.ingestion.replay_server import ReplayServer

TOKEN = "flaky-token"
SERVER_URL = re.compile(r"http://127\.0\.0\.1:\d+")  # amoCRM's records link to themselves
NOW = datetime(2026, 11, 1, 12, 0)
PATIENT = RetrySettings(total=10, backoff_factor=0.01, backoff_max=0.05)
# Every k-th request opens a burst of 503s (each answered with Retry-After: 1) or is dropped: Chatwoot makes
# hundreds of requests where the CRMs make tens, so its faults are sparser to keep the test short.
FAULT_EVERY = {"hubspot": (5, 7), "amocrm": (5, 7), "chatwoot": (40, 17)}


def land_hubspot(store: RawStore, crm: Path, faults: Faults) -> list[int | None]:
    with HubSpotServer(crm / "hubspot", token=TOKEN, faults=faults) as server:
        client = hubspot.hubspot_client(server.url, TOKEN, retry=PATIENT, requests_per_second=1000)
        for land in (hubspot.land_contacts, hubspot.land_deals, land_pipelines):
            land(store, client, NOW)
        return [status for *_, status in server.requests]


def land_amocrm(store: RawStore, crm: Path, faults: Faults) -> list[int | None]:
    with AmoCrmServer(crm / "amocrm", token=TOKEN, faults=faults) as server:
        client = amocrm.amocrm_client(server.url, TOKEN, retry=PATIENT, requests_per_second=1000)
        for land in (amocrm.land_leads, amocrm.land_contacts, amocrm.land_events, amocrm.land_pipelines):
            land(store, client, NOW)
        return [status for *_, status in server.requests]


def land_chatwoot(store: RawStore, crm: Path, faults: Faults) -> list[int | None]:
    with ChatwootServer(crm / "chatwoot", token=TOKEN, faults=faults) as server:
        api = chatwoot.chatwoot_api(server.url, TOKEN, ACCOUNT_ID, retry=PATIENT, requests_per_second=1000)
        for land in (chatwoot.land_conversations, chatwoot.land_agents, chatwoot.land_csat_responses):
            land(store, api, NOW)
        return [status for *_, status in server.requests]


LANDINGS: dict[str, Callable[[RawStore, Path, Faults], list[int | None]]] = {
    "hubspot": land_hubspot,
    "amocrm": land_amocrm,
    "chatwoot": land_chatwoot,
}


def landed(store: RawStore, source: str) -> list[tuple[Any, ...]]:
    """Every landed version of `source` and the cursors: what a pull decides, not when or from which port it ran."""
    rows: list[tuple[Any, ...]] = []
    for table in ALL_TABLES:
        if table.name.startswith(f"{source}_"):
            sql = f"select '{table.name}', window_key, source_id, updated_at, payload from {table.qualified_name}"
            rows += [(*row[:4], SERVER_URL.sub("<server>", row[4])) for row in store.query(sql)]
    rows += store.query("select source, entity, cursor_value from raw.source_cursors where source = ?", [source])
    return sorted(rows, key=repr)


@pytest.mark.parametrize("source", sorted(LANDINGS))
def test_throttling_outages_and_dropped_connections_change_nothing_that_lands(
    source: str, dataset: Path, tmp_path: Path
) -> None:
    unavailable_every, drop_every = FAULT_EVERY[source]
    flaky = Faults(
        rate_limit_first=2,
        retry_after_seconds=1,
        unavailable_every=unavailable_every,
        unavailable_burst=3,
        drop_every=drop_every,
    )
    results = []
    for name, faults in (("clean", Faults()), ("flaky", flaky)):
        with RawStore.open(tmp_path / f"{name}.duckdb") as store:
            statuses = LANDINGS[source](store, dataset / "crm", faults)
            results.append(landed(store, source))
            assert store.query("select count(*) from raw.quarantine") == [(0,)]
    clean, flaky_result = results
    assert statuses[:2] == [429, 429] and 503 in statuses and None in statuses  # the faults did happen
    assert len(clean) > 10
    assert flaky_result == clean


class UnreliableLeads:
    """amoCRM's leads list, five a page, that can answer one page slowly or go down after the first page."""

    def __init__(self, leads: int = 12) -> None:
        self.leads = [{"id": n, "name": f"Deal {n}", "updated_at": 1767225600 + n} for n in range(1, leads + 1)]
        self.down_after_first_page = False
        self.slow_pages: set[int] = set()
        self._lock = threading.Lock()

    def __call__(self, method: str, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        page = int(query["page"][0])
        if path != "/api/v4/leads":
            return 204, None
        if self.down_after_first_page and page > 1:
            return 503, {"title": "Service Unavailable"}
        with self._lock:
            slow, self.slow_pages = page in self.slow_pages, self.slow_pages - {page}
        if slow:
            time.sleep(1.0)  # past the client's timeout: this answer goes to a client that has already retried
        chosen = self.leads[(page - 1) * 5 : page * 5]
        return (200, {"_embedded": {"leads": chosen}}) if chosen else (204, None)


def client(server: ReplayServer, retry: RetrySettings = PATIENT) -> SourceClient:
    return SourceClient(
        source="amocrm",
        base_url=server.url,
        auth_headers={"Authorization": f"Bearer {TOKEN}"},
        token_variable="AMOCRM_ACCESS_TOKEN",
        requests_per_second=1000,
        timeout_seconds=0.25,
        retry=retry,
    )


def test_a_slow_answer_is_retried_and_lands_the_same(raw_store: RawStore) -> None:
    leads = UnreliableLeads()
    leads.slow_pages = {2}
    with ReplayServer(leads) as server:
        summary = amocrm.land_leads(raw_store, client(server), NOW)
        retries = len(server.requests) - 4  # pages 1 to 3 and the closing 204, each asked for once when all is well
    assert (summary.read, summary.landed) == (12, 12)
    assert retries >= 1  # page 2 was asked for again after the timeout
    assert raw_store.cursor("amocrm", "leads") == str(1767225600 + 12)


def test_a_source_that_stays_down_lands_nothing_half_way_and_the_next_run_catches_up(raw_store: RawStore) -> None:
    leads = UnreliableLeads()
    leads.down_after_first_page = True
    with ReplayServer(leads) as server:
        with pytest.raises(SourceError, match=r"amocrm: GET /api/v4/leads answered HTTP 503 after retries"):
            amocrm.land_leads(raw_store, client(server, RetrySettings(total=2, backoff_factor=0.01)), NOW)
        assert raw_store.query("select count(*) from raw.amocrm_leads") == [(0,)]  # page 1 was read, not landed
        assert raw_store.cursor("amocrm", "leads") is None
        leads.down_after_first_page = False
        summary = amocrm.land_leads(raw_store, client(server), NOW)
    assert (summary.read, summary.landed) == (12, 12)
    landed_ids = raw_store.query("select source_id from raw.amocrm_leads order by source_id::int")
    assert landed_ids == [(str(n),) for n in range(1, 13)]
