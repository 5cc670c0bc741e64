"""Hostile and malformed input from every source ends landed or quarantined: never a crash, a loss or a double.

WhatsApp bodies and CSV sheets are written to a landing directory; HubSpot, amoCRM and Chatwoot
records are served over HTTP on 127.0.0.1. Each goes through the real connector into a real
DuckDB raw layer, then through the identity step that reads every landed payload.
"""

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from ingestion import amocrm, chatwoot, csv_contacts, hubspot
from ingestion.http_client import RetrySettings
from ingestion.landing import LandingSummary
from ingestion.raw_store import RawStore
from ingestion.whatsapp_webhooks import day_folder, land_day
from tests.ingestion.bad_input_corpus import NOW, assert_accounted_for, case_ids, cases, expand
from tests.ingestion.replay_server import ReplayServer
from tests.ingestion.webhook_bodies import WABA


def body(**events: Any) -> dict[str, Any]:
    """A webhook body carrying `events` (messages, statuses) as they are, however malformed."""
    change = {"field": "messages", "value": {"messaging_product": "whatsapp", **events}}
    return {"object": "whatsapp_business_account", "entry": [{"id": WABA, "changes": [change]}]}


TOKEN = "corpus-token"
FAST = RetrySettings(total=1, backoff_factor=0.01, backoff_max=0.05)


def by_case(source: str) -> Any:
    return pytest.mark.parametrize("case", cases(source), ids=case_ids(source))


def webhook_lines(case: dict[str, Any]) -> bytes:
    if "hex" in case:
        return bytes.fromhex(case["hex"]) + b"\n"
    if "text" in case:
        return case["text"].encode("utf-8") + b"\n"
    events = {key: case[key] for key in ("messages", "statuses") if key in case}
    bodies = case.get("bodies") or [body(**events)]
    return b"".join(json.dumps(expand(item)).encode("ascii") + b"\n" for item in bodies)


@by_case("whatsapp")
def test_webhook_bodies(case: dict[str, Any], tmp_path: Path, raw_store: RawStore) -> None:
    folder = day_folder(tmp_path, NOW.date())
    folder.mkdir(parents=True)
    (folder / "corpus.ndjson").write_bytes(webhook_lines(case))
    summaries = [land_day(raw_store, tmp_path, NOW.date(), NOW) for _ in range(2)]  # a re-run changes nothing
    assert summaries[0] == summaries[1]
    assert_accounted_for(raw_store, "whatsapp", summaries[1:], case)


def sheet_bytes(case: dict[str, Any]) -> bytes:
    newline = case.get("newline", "\n")
    if "file_encoding" in case:
        text = "".join(expand(line) + newline for line in case["lines"])
        if case["file_encoding"] == "utf-16-be-bom":
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return text.encode(case["file_encoding"])
    parts = []
    for line in case["lines"]:
        if isinstance(line, dict) and "hex" in line:
            parts.append(bytes.fromhex(line["hex"]))
        elif isinstance(line, dict) and "encoding" in line:
            parts.append(line["text"].encode(line["encoding"]))
        else:
            parts.append(expand(line).encode("utf-8"))
    return b"".join(part + newline.encode() for part in parts)


@by_case("csv")
def test_csv_sheets(case: dict[str, Any], tmp_path: Path, raw_store: RawStore) -> None:
    folder = tmp_path / csv_contacts.FOLDER
    folder.mkdir(parents=True)
    (folder / f"{case['case']}.csv").write_bytes(sheet_bytes(case))
    summaries, _ = csv_contacts.land_files(raw_store, tmp_path, NOW)
    assert csv_contacts.land_files(raw_store, tmp_path, NOW) == ([], 1)  # read once
    assert_accounted_for(raw_store, "csv", summaries, case)


def hubspot_answer(case: dict[str, Any]) -> Any:
    def answer(method: str, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        for object_type in ("contacts", "deals"):
            if path == f"/crm/v3/objects/{object_type}/search":
                records = expand(case.get(object_type, []))
                return 200, {"total": len(records), "results": records}
        return 200, {"results": []}  # the deals' associations and stage histories: none

    return answer


@by_case("hubspot")
def test_hubspot_records(case: dict[str, Any], raw_store: RawStore) -> None:
    with ReplayServer(hubspot_answer(case)) as server:
        client = hubspot.hubspot_client(server.url, TOKEN, retry=FAST, requests_per_second=1000)
        summaries = [hubspot.land_contacts(raw_store, client, NOW), hubspot.land_deals(raw_store, client, NOW)]
    assert_accounted_for(raw_store, "hubspot", summaries, case)


def amocrm_answer(case: dict[str, Any]) -> Any:
    def answer(method: str, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        entity = path.rsplit("/", 1)[-1]
        if query.get("page") == ["1"] and case.get(entity):
            return 200, {"_embedded": {entity: expand(case[entity])}}
        return 204, None

    return answer


@by_case("amocrm")
def test_amocrm_records(case: dict[str, Any], raw_store: RawStore) -> None:
    with ReplayServer(amocrm_answer(case)) as server:
        client = amocrm.amocrm_client(server.url, TOKEN, retry=FAST, requests_per_second=1000)
        summaries = [
            land(raw_store, client, NOW) for land in (amocrm.land_leads, amocrm.land_contacts, amocrm.land_events)
        ]
    assert_accounted_for(raw_store, "amocrm", summaries, case)


def chatwoot_answer(case: dict[str, Any]) -> Any:
    prefix = "/api/v1/accounts/1"

    def answer(method: str, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        first_page = query.get("page") == ["1"]
        if path == f"{prefix}/conversations":
            return 200, {"data": {"payload": expand(case.get("conversations", [])) if first_page else []}}
        if path.endswith("/messages"):
            return 200, {"payload": expand(case.get("messages", [])) if "before" not in query else []}
        if path == f"{prefix}/csat_survey_responses":
            return 200, expand(case.get("csat", [])) if first_page else []
        if path == f"{prefix}/agents":
            return 200, expand(case.get("agents", []))
        return 404, {"error": "not found"}

    return answer


@by_case("chatwoot")
def test_chatwoot_records(case: dict[str, Any], raw_store: RawStore) -> None:
    with ReplayServer(chatwoot_answer(case)) as server:
        api = chatwoot.chatwoot_api(server.url, TOKEN, "1", retry=FAST, requests_per_second=1000)
        summaries: list[LandingSummary] = [
            *chatwoot.land_conversations(raw_store, api, NOW),
            *chatwoot.land_agents(raw_store, api, NOW),
            *chatwoot.land_csat_responses(raw_store, api, NOW),
        ]
    assert_accounted_for(raw_store, "chatwoot", summaries, case)
