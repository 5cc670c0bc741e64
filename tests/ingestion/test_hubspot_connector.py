"""The HubSpot connector against a real local server that speaks CRM v3, faults included."""

import json
from datetime import datetime
from pathlib import Path

import pytest

from demo.servers.faults import Faults
from demo.servers.hubspot import HubSpotServer
from demo.servers.hubspot_store import HubSpotData
from ingestion.errors import SourceAuthError, SourceError
from ingestion.http_client import RetrySettings
from ingestion.hubspot import LOOKBACK_MS, hubspot_client, land_contacts, land_deals
from ingestion.hubspot_stages import land_pipelines
from ingestion.raw_store import RawStore

TOKEN = "pat-test-7f3a9c"
NOW = datetime(2026, 11, 1, 12, 0)
FAST_RETRY = RetrySettings(total=4, backoff_factor=0.01, backoff_max=0.05)


@pytest.fixture
def crm_dir(dataset: Path) -> Path:
    return dataset / "crm" / "hubspot"


def records(crm_dir: Path, name: str) -> list[dict]:
    return json.loads((crm_dir / f"{name}.json").read_text(encoding="utf-8"))


def client(server: HubSpotServer, token: str = TOKEN, retry: RetrySettings | None = None):
    return hubspot_client(server.url, token, retry=retry, requests_per_second=1000)


def landed_ids(store: RawStore, table: str) -> list[str]:
    return [row[0] for row in store.query(f"select source_id from raw.{table} order by source_id")]


def test_first_pull_reads_every_contact_and_deal_with_associations(crm_dir: Path, raw_store: RawStore) -> None:
    with HubSpotServer(crm_dir, token=TOKEN) as server:
        contacts = land_contacts(raw_store, client(server), NOW)
        deals = land_deals(raw_store, client(server), NOW)
        paths = [path for _, _, path, _ in server.requests]
    assert contacts.landed == len(records(crm_dir, "contacts"))
    assert landed_ids(raw_store, "hubspot_contacts") == sorted(str(r["id"]) for r in records(crm_dir, "contacts"))
    assert deals.landed == len(records(crm_dir, "deals"))
    assert "/crm/v3/objects/deals/search" in paths and "/crm/v4/associations/deals/contacts/batch/read" in paths
    expected = {str(r["id"]): r["associations"]["contacts"]["results"] for r in records(crm_dir, "deals")}
    for source_id, payload in raw_store.query("select source_id, payload from raw.hubspot_deals"):
        assert json.loads(payload)["associations"]["contacts"]["results"] == expected[source_id]


def test_the_next_pull_reads_only_the_look_back_and_lands_nothing_twice(crm_dir: Path, raw_store: RawStore) -> None:
    with HubSpotServer(crm_dir, token=TOKEN) as server:
        first = land_contacts(raw_store, client(server), NOW)
        cursor = int(raw_store.cursor("hubspot", "contacts"))
        second = land_contacts(raw_store, client(server), NOW)
    newest = max(datetime.fromisoformat(r["updatedAt"].replace("Z", "+00:00")) for r in records(crm_dir, "contacts"))
    assert cursor == int(newest.timestamp() * 1000)
    assert second.window_key == f"modified_since:{cursor - LOOKBACK_MS}"
    assert second.read < first.read  # only what changed within the look-back is read again
    assert (second.landed, second.unchanged) == (0, second.read)
    assert raw_store.query("select count(*) from raw.hubspot_contacts") == [(first.landed,)]


def test_more_than_ten_thousand_records_with_one_timestamp_are_all_read_once(raw_store: RawStore) -> None:
    stamp = "2026-05-01T10:00:00.000Z"
    contacts = [
        {
            "id": str(1000 + n),
            "properties": {"hs_object_id": str(1000 + n), "lastmodifieddate": stamp, "phone": None},
            "createdAt": stamp,
            "updatedAt": stamp,
            "archived": False,
        }
        for n in range(20_001)
    ]
    with HubSpotServer(HubSpotData(contacts, []), token=TOKEN) as server:
        summary = land_contacts(raw_store, client(server), NOW)
        statuses = [status for *_, status in server.requests]
    assert summary.landed == 20_001
    assert raw_store.query("select count(distinct source_id), count(*) from raw.hubspot_contacts") == [(20_001, 20_001)]
    assert 400 not in statuses  # the cap is never paged past: queries restart after the last id


def test_rides_out_429_with_retry_after_and_503_bursts_and_dropped_connections(
    crm_dir: Path, raw_store: RawStore
) -> None:
    faults = Faults(rate_limit_first=2, retry_after_seconds=1, unavailable_every=3, unavailable_burst=1, drop_every=5)
    with HubSpotServer(crm_dir, token=TOKEN, faults=faults) as server:
        summary = land_deals(raw_store, client(server, retry=FAST_RETRY), NOW)
        statuses = [status for *_, status in server.requests]
    assert summary.landed == len(records(crm_dir, "deals"))
    assert statuses[:2] == [429, 429]
    assert 503 in statuses and None in statuses  # None: the dropped connections never answered


def test_a_record_without_id_is_quarantined_and_the_rest_lands(crm_dir: Path, raw_store: RawStore) -> None:
    broken_id = str(records(crm_dir, "deals")[3]["id"])
    with HubSpotServer(crm_dir, token=TOKEN, faults=Faults(malformed_record_id=broken_id)) as server:
        summary = land_deals(raw_store, client(server), NOW)
    assert summary.read == summary.landed + summary.quarantined == len(records(crm_dir, "deals"))
    assert summary.quarantined == 1
    (reason, locator) = raw_store.query("select reason, locator from raw.quarantine")[0]
    assert reason == "record without an id" and locator.startswith("deals search page 1")


def test_a_wrong_token_names_the_variable_never_the_token(crm_dir: Path, raw_store: RawStore) -> None:
    with HubSpotServer(crm_dir, token=TOKEN) as server, pytest.raises(SourceAuthError) as raised:
        land_contacts(raw_store, client(server, token="pat-wrong-secret-123"), NOW)
    assert "HUBSPOT_ACCESS_TOKEN" in str(raised.value)
    assert "pat-wrong-secret-123" not in str(raised.value)


def test_a_source_that_stays_down_fails_clearly_and_keeps_the_cursor(crm_dir: Path, raw_store: RawStore) -> None:
    expected = r"hubspot: POST /crm/v3/objects/contacts/search answered HTTP 503"
    with (
        HubSpotServer(crm_dir, token=TOKEN, faults=Faults(unavailable_first=1000)) as server,
        pytest.raises(SourceError, match=expected),
    ):
        land_contacts(raw_store, client(server, retry=FAST_RETRY), NOW)
    assert raw_store.query("select count(*) from raw.hubspot_contacts") == [(0,)]
    assert raw_store.cursor("hubspot", "contacts") is None


def test_deals_land_with_their_stage_history_and_pipelines_with_their_stages(
    crm_dir: Path, raw_store: RawStore
) -> None:
    with HubSpotServer(crm_dir, token=TOKEN) as server:
        land_deals(raw_store, client(server), NOW)
        pipelines = land_pipelines(raw_store, client(server), NOW)
        paths = [path for _, _, path, _ in server.requests]
    assert "/crm/v3/objects/deals/batch/read" in paths and "/crm/v3/pipelines/deals" in paths
    expected = {str(r["id"]): r["propertiesWithHistory"]["dealstage"] for r in records(crm_dir, "deals")}
    for source_id, payload in raw_store.query("select source_id, payload from raw.hubspot_deals"):
        history = json.loads(payload)["propertiesWithHistory"]["dealstage"]
        assert history == expected[source_id] and history[0]["value"] == json.loads(payload)["properties"]["dealstage"]
    served = records(crm_dir, "pipelines")["results"]
    assert (pipelines.landed, pipelines.quarantined) == (len(served), 0)
    landed = {
        row[0]: json.loads(row[1]) for row in raw_store.query("select source_id, payload from raw.hubspot_pipelines")
    }
    assert {p["id"]: [s["id"] for s in p["stages"]] for p in landed.values()} == {
        p["id"]: [s["id"] for s in p["stages"]] for p in served
    }


def test_a_stage_history_read_larger_than_the_batch_limit_is_split(raw_store: RawStore) -> None:
    stamp = "2026-05-01T10:00:00.000Z"
    deals = [
        {
            "id": str(500 + n),
            "properties": {"hs_object_id": str(500 + n), "hs_lastmodifieddate": stamp, "dealstage": "closedwon"},
            "createdAt": stamp,
            "updatedAt": stamp,
            "archived": False,
            "propertiesWithHistory": {"dealstage": [{"value": "closedwon", "timestamp": stamp}]},
        }
        for n in range(120)
    ]
    with HubSpotServer(HubSpotData([], deals), token=TOKEN) as server:
        summary = land_deals(raw_store, client(server), NOW)
        reads = [status for _, _, path, status in server.requests if path.endswith("/batch/read") and "v3" in path]
    assert summary.landed == 120 and reads == [200] * 3  # 50 + 50 + 20: never over the limit (HubSpot answers 400)
    (with_history,) = raw_store.query(
        "select count(*) from raw.hubspot_deals where payload like '%propertiesWithHistory%'"
    )[0]
    assert with_history == 120
