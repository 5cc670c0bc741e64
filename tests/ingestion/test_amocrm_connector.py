"""The amoCRM connector against a real local server that speaks Kommo v4, faults and quirks included."""

import dataclasses
import json
from datetime import datetime
from pathlib import Path

import dagster as dg
import pytest

from demo.servers.amocrm import AmoCrmServer
from demo.servers.amocrm_store import AmoCrmData
from demo.servers.faults import Faults
from ingestion.amocrm import (
    EVENTS,
    LEADS,
    LOOKBACK_SECONDS,
    amocrm_client,
    land,
    land_contacts,
    land_events,
    land_leads,
    land_pipelines,
)
from ingestion.errors import SourceAuthError
from ingestion.http_client import RetrySettings
from ingestion.raw_store import RawStore
from ingestion.settings import SourceConfigError
from orchestration.assets.raw_amocrm import amocrm_raw
from orchestration.resources import AmoCrmResource, WarehouseResource

TOKEN = "amo-test-5c1e"
NOW = datetime(2026, 11, 1, 12, 0)
FAST_RETRY = RetrySettings(total=4, backoff_factor=0.01, backoff_max=0.05)


@pytest.fixture
def amocrm_dir(dataset: Path) -> Path:
    return dataset / "crm" / "amocrm"


def records(folder: Path, name: str) -> list[dict]:
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))


def test_pages_until_the_204_and_lands_every_record(amocrm_dir: Path, raw_store: RawStore) -> None:
    with AmoCrmServer(amocrm_dir, token=TOKEN) as server:
        client = amocrm_client(server.url, TOKEN)
        leads = land(raw_store, client, dataclasses.replace(LEADS, page_size=10), NOW)
        contacts, events = land_contacts(raw_store, client, NOW), land_events(raw_store, client, NOW)
        pipelines = land_pipelines(raw_store, client, NOW)
        answers = [(path, status) for _, _, path, status in server.requests]
    expected = records(amocrm_dir, "leads")
    lead_pages = [status for path, status in answers if path == "/api/v4/leads"]
    assert leads.landed == len(expected) > 20
    assert lead_pages == [200] * -(-len(expected) // 10) + [204]  # the page past the end is an empty 204
    assert (contacts.landed, events.landed) == (
        len(records(amocrm_dir, "contacts")),
        len(records(amocrm_dir, "events")),
    )
    assert pipelines.landed == 2
    assert 429 not in {status for _, status in answers}  # 6 a second stays under amoCRM's 7
    landed = json.loads(raw_store.query("select payload from raw.amocrm_leads order by source_id limit 1")[0][0])
    assert landed["_embedded"]["contacts"][0]["is_main"] is True  # asked `with=contacts`
    assert isinstance(landed["updated_at"], int)


def test_rides_out_429_with_retry_after_and_503_bursts_and_dropped_connections(
    amocrm_dir: Path, raw_store: RawStore
) -> None:
    faults = Faults(rate_limit_first=2, retry_after_seconds=1, unavailable_every=3, unavailable_burst=1, drop_every=5)
    with AmoCrmServer(amocrm_dir, token=TOKEN, faults=faults) as server:
        summary = land_events(raw_store, amocrm_client(server.url, TOKEN, FAST_RETRY), NOW)
        statuses = [status for *_, status in server.requests]
    assert summary.landed == len(records(amocrm_dir, "events"))
    assert statuses[:2] == [429, 429]
    assert 503 in statuses and None in statuses  # None: the dropped connections never answered


def test_a_client_faster_than_seven_a_second_is_slowed_by_429s_and_finishes(
    amocrm_dir: Path, raw_store: RawStore
) -> None:
    with AmoCrmServer(amocrm_dir, token=TOKEN) as server:
        client = amocrm_client(server.url, TOKEN, requests_per_second=100)
        summary = land(raw_store, client, dataclasses.replace(EVENTS, page_size=10), NOW)
        statuses = [status for *_, status in server.requests]
    assert summary.landed == len(records(amocrm_dir, "events"))
    assert 429 in statuses and statuses[-1] == 204


def test_a_record_without_id_is_quarantined_and_the_rest_lands(amocrm_dir: Path, raw_store: RawStore) -> None:
    broken_id = str(records(amocrm_dir, "leads")[3]["id"])
    with AmoCrmServer(amocrm_dir, token=TOKEN, faults=Faults(malformed_record_id=broken_id)) as server:
        summary = land_leads(raw_store, amocrm_client(server.url, TOKEN), NOW)
    assert summary.read == summary.landed + summary.quarantined == len(records(amocrm_dir, "leads"))
    assert summary.quarantined == 1
    reason, locator = raw_store.query("select reason, locator from raw.quarantine")[0]
    assert reason == "record without an id" and locator == "leads page 1 #4"


def test_rerunning_the_pull_changes_nothing(amocrm_dir: Path, raw_store: RawStore) -> None:
    snapshot = "select source_id, payload, updated_at from raw.amocrm_contacts order by source_id, updated_at"
    with AmoCrmServer(amocrm_dir, token=TOKEN) as server:
        land_contacts(raw_store, amocrm_client(server.url, TOKEN), NOW)
        first = raw_store.query(snapshot)
        again = land_contacts(raw_store, amocrm_client(server.url, TOKEN), NOW)
    assert raw_store.query(snapshot) == first
    assert again.landed == 0 and again.unchanged == again.read


def test_the_next_pull_reads_from_the_cursor_less_the_look_back(amocrm_dir: Path, raw_store: RawStore) -> None:
    data = AmoCrmData.from_dir(amocrm_dir)
    with AmoCrmServer(data, token=TOKEN) as server:
        client = amocrm_client(server.url, TOKEN)
        land_leads(raw_store, client, NOW)
        cursor = int(raw_store.cursor("amocrm", "leads") or 0)
        assert cursor == max(lead["updated_at"] for lead in data.leads)
        changed = data.leads[0] | {"updated_at": cursor + 600, "price": 123_456}
        data.leads[0] = changed
        data.leads.append(data.leads[1] | {"id": 99_000_001, "updated_at": cursor + 1200})
        data.selected.cache_clear()  # the server pages from each filter's list, computed once
        summary = land_leads(raw_store, client, datetime(2026, 11, 2))
    since = cursor - LOOKBACK_SECONDS
    assert summary.window_key == f"since:{since}"
    assert summary.read == sum(since <= lead["updated_at"] for lead in data.leads)
    assert (summary.landed, summary.unchanged) == (2, summary.read - 2)
    assert raw_store.cursor("amocrm", "leads") == str(cursor + 1200)
    latest = "select payload from raw.amocrm_leads where source_id = ? order by updated_at desc limit 1"
    assert json.loads(raw_store.query(latest, [str(changed["id"])])[0][0])["price"] == 123_456


def test_a_wrong_token_names_the_variable_never_the_token(amocrm_dir: Path, raw_store: RawStore) -> None:
    with AmoCrmServer(amocrm_dir, token=TOKEN) as server, pytest.raises(SourceAuthError) as raised:
        land_leads(raw_store, amocrm_client(server.url, "amo-wrong-secret-9"), NOW)
    assert "AMOCRM_ACCESS_TOKEN" in str(raised.value)
    assert "amo-wrong-secret-9" not in str(raised.value)


def test_unset_variables_skip_the_source_and_half_set_ones_name_what_is_missing(
    warehouse_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AMOCRM_BASE_URL", raising=False)
    monkeypatch.delenv("AMOCRM_ACCESS_TOKEN", raising=False)
    resources = {"warehouse": WarehouseResource(path=str(warehouse_path)), "amocrm": AmoCrmResource()}
    result = dg.materialize([amocrm_raw], resources=resources)
    materialized = result.asset_materializations_for_node("amocrm_raw")
    assert len(materialized) == 4 and all("skipped" in m.metadata for m in materialized)
    monkeypatch.setenv("AMOCRM_BASE_URL", "http://127.0.0.1:9")
    with pytest.raises(SourceConfigError, match="set AMOCRM_ACCESS_TOKEN"):
        AmoCrmResource().client()
