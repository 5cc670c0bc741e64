"""Landing a generated business through the real connectors; `built_warehouse` (tests/conftest.py) builds it."""

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from demo.servers.amocrm import AmoCrmServer
from demo.servers.chatwoot import ACCOUNT_ID, ChatwootServer
from demo.servers.hubspot import HubSpotServer
from ingestion import amocrm, chatwoot, csv_contacts
from ingestion.hubspot import hubspot_client, land_contacts, land_deals
from ingestion.hubspot_stages import land_pipelines
from ingestion.identity import key_new_identifiers
from ingestion.raw_store import RawStore
from ingestion.whatsapp_webhooks import land_day
from orchestration.run_window import landed_days

SALT = "test-salt"
TOKEN = "pat-test"
NOW = datetime(2026, 11, 2)


def land_everything(dataset: Path, warehouse: Path) -> None:
    with RawStore.open(warehouse) as store:
        for day in landed_days(dataset / "landing"):
            land_day(store, dataset / "landing", day, NOW)
        with HubSpotServer(dataset / "crm" / "hubspot", token=TOKEN) as server:
            client = hubspot_client(server.url, TOKEN)
            land_contacts(store, client, NOW)
            land_deals(store, client, NOW)
            land_pipelines(store, client, NOW)
        land_inbox_crm_and_sheet(store, dataset)
        key_new_identifiers(store, SALT, NOW)


def land_inbox_crm_and_sheet(store: RawStore, dataset: Path) -> None:
    with AmoCrmServer(dataset / "crm" / "amocrm", token=TOKEN) as server:
        client = amocrm.amocrm_client(server.url, TOKEN, requests_per_second=1000)
        for land in (amocrm.land_leads, amocrm.land_contacts, amocrm.land_events, amocrm.land_pipelines):
            land(store, client, NOW)
    with ChatwootServer(dataset / "crm" / "chatwoot", token=TOKEN) as server:
        api = chatwoot.chatwoot_api(server.url, TOKEN, ACCOUNT_ID, requests_per_second=1000)
        chatwoot.land_conversations(store, api, NOW)
        chatwoot.land_agents(store, api, NOW)
        chatwoot.land_csat_responses(store, api, NOW)
    csv_contacts.land_files(store, dataset / "landing", NOW)


@pytest.fixture
def marts(built_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(built_warehouse), read_only=True)
    yield connection
    connection.close()


def iso_week_days(iso_week: str) -> tuple[date, date]:
    year, week = iso_week.split("-W")
    return date.fromisocalendar(int(year), int(week), 1), date.fromisocalendar(int(year), int(week), 7)
