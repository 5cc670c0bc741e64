"""The local HubSpot API: paging, property selection, auth, faults and search, over a real socket."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from demo.servers.faults import Faults
from demo.servers.hubspot import HubSpotServer
from demo.servers.hubspot_store import HubSpotData

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _walk(url: str, params: dict[str, str]) -> list[dict]:
    results, after = [], None
    while True:
        page = requests.get(url, params={**params, **({"after": after} if after else {})}, headers=AUTH, timeout=5)
        page.raise_for_status()
        body = page.json()
        results += body["results"]
        if "paging" not in body:
            return results
        after = body["paging"]["next"]["after"]
        assert body["paging"]["next"]["link"].startswith(url)


def test_paging_walks_every_record_once(dataset: Path) -> None:
    folder = dataset / "crm" / "hubspot"
    expected = json.loads((folder / "deals.json").read_text())
    with HubSpotServer(folder, token=TOKEN) as server:
        deals = _walk(
            f"{server.url}/crm/v3/objects/deals",
            {"limit": "7", "properties": "amount,lead_source", "associations": "contacts"},
        )
        default_page = requests.get(f"{server.url}/crm/v3/objects/contacts", headers=AUTH, timeout=5).json()
    assert sorted(d["id"] for d in deals) == sorted(d["id"] for d in expected)
    assert set(deals[0]["properties"]) == {
        "amount",
        "lead_source",
        "hs_object_id",
        "createdate",
        "hs_lastmodifieddate",
    }
    assert deals[0]["associations"]["contacts"]["results"][0]["type"] == "deal_to_contact"
    assert len(default_page["results"]) == 10 and "associations" not in default_page["results"][0]
    assert set(default_page["results"][0]["properties"]) >= {"firstname", "lastmodifieddate", "hs_object_id"}


def test_pipelines_endpoint(dataset: Path) -> None:
    with HubSpotServer(dataset / "crm" / "hubspot", token=TOKEN) as server:
        body = requests.get(f"{server.url}/crm/v3/pipelines/deals", headers=AUTH, timeout=5).json()
    stages = {s["id"] for p in body["results"] for s in p["stages"]}
    assert {"closedwon", "closedlost", "160123454"} <= stages


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_wrong_or_missing_token_is_401(headers: dict[str, str]) -> None:
    with HubSpotServer(HubSpotData([], []), token=TOKEN) as server:
        answer = requests.get(f"{server.url}/crm/v3/objects/contacts", headers=headers, timeout=5)
    assert answer.status_code == 401
    assert answer.json()["category"] == "INVALID_AUTHENTICATION" and answer.json()["correlationId"]


def _records(count: int) -> list[dict]:
    return [
        {
            "id": str(i),
            "properties": {
                "hs_object_id": str(i),
                "createdate": "2026-01-01T00:00:00.000Z",
                "lastmodifieddate": f"2026-01-{1 + i % 28:02d}T00:00:00.000Z",
            },
            "createdAt": "2026-01-01T00:00:00.000Z",
            "updatedAt": "2026-01-01T00:00:00.000Z",
        }
        for i in range(1, count + 1)
    ]


def test_rate_limit_answers_retry_after_then_recovers() -> None:
    with HubSpotServer(HubSpotData(_records(3), []), token=TOKEN, faults=Faults(rate_limit_first=2)) as server:
        url = f"{server.url}/crm/v3/objects/contacts"
        answers = [requests.get(url, headers=AUTH, timeout=5) for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 200]
    assert answers[0].headers["Retry-After"] == "1"
    assert answers[0].json()["category"] == "RATE_LIMITS" and answers[0].json()["policyName"] == "TEN_SECONDLY_ROLLING"
    assert [r[3] for r in server.requests] == [429, 429, 200]


def test_unavailable_bursts_dropped_connections_and_a_malformed_record() -> None:
    faults = Faults(unavailable_every=4, unavailable_burst=2, drop_every=7, malformed_record_id="2")
    with HubSpotServer(HubSpotData(_records(3), []), token=TOKEN, faults=faults) as server:
        url = f"{server.url}/crm/v3/objects/contacts"
        codes = []
        for _ in range(7):
            try:
                codes.append(requests.get(url, headers=AUTH, timeout=5).status_code)
            except requests.ConnectionError:
                codes.append("dropped")
        results = requests.get(url, headers=AUTH, timeout=5).json()["results"]  # request 8: fine again
    assert codes == [503, 503, 200, 200, 503, 503, "dropped"]
    assert [r.get("id") for r in results] == ["1", None, "3"]


def test_search_filters_sorts_and_stops_at_ten_thousand() -> None:
    with HubSpotServer(HubSpotData(_records(10_050), []), token=TOKEN) as server:
        url = f"{server.url}/crm/v3/objects/contacts/search"
        query = {
            "filterGroups": [
                {"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE", "value": "1769472000000"}]}
            ],  # 2026-01-27
            "sorts": [{"propertyName": "hs_object_id", "direction": "DESCENDING"}],
            "limit": 500,
        }
        first = requests.post(url, json=query, headers=AUTH, timeout=5).json()
        beyond = requests.post(url, json={"limit": 200, "after": "10000"}, headers=AUTH, timeout=5)
    assert len(first["results"]) == 200 and first["paging"]["next"]["after"] == "200"
    assert first["total"] == sum(1 + i % 28 >= 27 for i in range(1, 10_051))
    assert first["results"][0]["id"] == max((str(i) for i in range(1, 10_051) if 1 + i % 28 >= 27), key=int)
    assert beyond.status_code == 400 and beyond.json()["category"] == "VALIDATION_ERROR"


def test_serve_command_prints_its_url(dataset: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "demo", "serve", "--data", str(dataset), "--token", TOKEN],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip() if process.stdout else ""
        answer = requests.get(f"{url}/crm/v3/objects/contacts", params={"limit": "100"}, headers=AUTH, timeout=5)
        assert answer.status_code == 200 and len(answer.json()["results"]) == 100
    finally:
        process.terminate()
        process.wait(timeout=5)


def test_batch_read_returns_stage_history_newest_first_and_caps_the_batch(dataset: Path) -> None:
    folder = dataset / "crm" / "hubspot"
    deals = json.loads((folder / "deals.json").read_text())
    closed = next(d for d in deals if d["properties"]["dealstage"] in {"closedwon", "closedlost"})
    url_path = "/crm/v3/objects/deals/batch/read"
    with HubSpotServer(folder, token=TOKEN) as server:
        body = {"properties": ["dealstage"], "propertiesWithHistory": ["dealstage"], "inputs": [{"id": closed["id"]}]}
        answer = requests.post(server.url + url_path, json=body, headers=AUTH, timeout=5).json()
        too_many = {**body, "inputs": [{"id": d["id"]} for d in deals[:51]]}
        refused = requests.post(server.url + url_path, json=too_many, headers=AUTH, timeout=5)
        plain = requests.post(server.url + url_path, json={"inputs": [{"id": closed["id"]}]}, headers=AUTH, timeout=5)
    (result,) = answer["results"]
    history = result["propertiesWithHistory"]["dealstage"]
    assert answer["status"] == "COMPLETE" and result["properties"]["dealstage"] == history[0]["value"]
    assert [v["timestamp"] for v in history] == sorted((v["timestamp"] for v in history), reverse=True)
    assert history[0]["timestamp"] == closed["properties"]["closedate"]  # the close is the last stage change
    assert refused.status_code == 400 and refused.json()["category"] == "VALIDATION_ERROR"
    assert "propertiesWithHistory" not in plain.json()["results"][0]
