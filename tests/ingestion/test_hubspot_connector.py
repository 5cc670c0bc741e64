"""The HubSpot connector against a real local server that speaks CRM v3, faults included."""

import json
from datetime import datetime
from pathlib import Path

import pytest

from demo.servers.faults import Faults
from demo.servers.hubspot import HubSpotServer
from ingestion.errors import SourceAuthError, SourceError
from ingestion.http_client import RetrySettings
from ingestion.hubspot import hubspot_client, land_contacts, land_deals
from ingestion.raw_store import RawStore

TOKEN = "pat-test-7f3a9c"
NOW = datetime(2026, 11, 1, 12, 0)
FAST_RETRY = RetrySettings(total=4, backoff_factor=0.01, backoff_max=0.05)


@pytest.fixture
def crm_dir(dataset: Path) -> Path:
    return dataset / "crm" / "hubspot"


def records(crm_dir: Path, name: str) -> list[dict]:
    return json.loads((crm_dir / f"{name}.json").read_text(encoding="utf-8"))


def landed_ids(store: RawStore, table: str) -> list[str]:
    return [row[0] for row in store.query(f"select source_id from raw.{table} order by source_id")]


def test_pages_through_every_contact_and_deal(crm_dir: Path, raw_store: RawStore) -> None:
    with HubSpotServer(crm_dir, token=TOKEN) as server:
        client = hubspot_client(server.url, TOKEN)
        contacts = land_contacts(raw_store, client, NOW)
        deals = land_deals(raw_store, client, NOW)
        pages = [path for _, _, path, _ in server.requests if "/objects/contacts" in path]
    expected = sorted(str(r["id"]) for r in records(crm_dir, "contacts"))
    assert contacts.landed == len(expected) > 100  # more than one page of 100
    assert len(pages) == -(-len(expected) // 100)
    assert landed_ids(raw_store, "hubspot_contacts") == expected
    assert deals.landed == len(records(crm_dir, "deals"))
    payload = json.loads(raw_store.query("select payload from raw.hubspot_deals limit 1")[0][0])
    assert payload["associations"]["contacts"]["results"][0]["type"] == "deal_to_contact"
    assert isinstance(payload["properties"]["createdate"], str)


def test_rides_out_429_with_retry_after_and_503_bursts_and_dropped_connections(
    crm_dir: Path, raw_store: RawStore
) -> None:
    faults = Faults(rate_limit_first=2, retry_after_seconds=1, unavailable_every=3, unavailable_burst=1, drop_every=5)
    with HubSpotServer(crm_dir, token=TOKEN, faults=faults) as server:
        summary = land_contacts(raw_store, hubspot_client(server.url, TOKEN, FAST_RETRY), NOW)
        statuses = [status for *_, status in server.requests]
    assert summary.landed == len(records(crm_dir, "contacts"))
    assert statuses[:2] == [429, 429]
    assert 503 in statuses and None in statuses  # None: the dropped connections never answered


def test_a_record_without_id_is_quarantined_and_the_rest_lands(crm_dir: Path, raw_store: RawStore) -> None:
    broken_id = str(records(crm_dir, "deals")[3]["id"])
    with HubSpotServer(crm_dir, token=TOKEN, faults=Faults(malformed_record_id=broken_id)) as server:
        summary = land_deals(raw_store, hubspot_client(server.url, TOKEN), NOW)
    assert summary.read == summary.landed + summary.quarantined == len(records(crm_dir, "deals"))
    assert summary.quarantined == 1
    (reason, locator) = raw_store.query("select reason, locator from raw.quarantine")[0]
    assert reason == "record without an id" and locator.startswith("deals page 1")


def test_rerunning_the_pull_changes_nothing(crm_dir: Path, raw_store: RawStore) -> None:
    snapshot = "select source_id, payload, updated_at from raw.hubspot_contacts order by source_id"
    with HubSpotServer(crm_dir, token=TOKEN) as server:
        land_contacts(raw_store, hubspot_client(server.url, TOKEN), NOW)
        first = raw_store.query(snapshot)
        land_contacts(raw_store, hubspot_client(server.url, TOKEN), NOW)
    assert raw_store.query(snapshot) == first


def test_a_wrong_token_names_the_variable_never_the_token(crm_dir: Path, raw_store: RawStore) -> None:
    with HubSpotServer(crm_dir, token=TOKEN) as server, pytest.raises(SourceAuthError) as raised:
        land_contacts(raw_store, hubspot_client(server.url, "pat-wrong-secret-123"), NOW)
    assert "HUBSPOT_ACCESS_TOKEN" in str(raised.value)
    assert "pat-wrong-secret-123" not in str(raised.value)


def test_a_source_that_stays_down_fails_with_a_clear_error(crm_dir: Path, raw_store: RawStore) -> None:
    expected = r"hubspot: GET /crm/v3/objects/contacts answered HTTP 503"
    with (
        HubSpotServer(crm_dir, token=TOKEN, faults=Faults(unavailable_first=1000)) as server,
        pytest.raises(SourceError, match=expected),
    ):
        land_contacts(raw_store, hubspot_client(server.url, TOKEN, FAST_RETRY), NOW)
    assert raw_store.query("select count(*) from raw.hubspot_contacts") == [(0,)]
