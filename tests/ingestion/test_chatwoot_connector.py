"""The Chatwoot connector against a real local server that speaks the v1 application API, faults included."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from demo.servers.chatwoot import ACCOUNT_ID, ChatwootServer
from demo.servers.chatwoot_store import ChatwootData
from demo.servers.faults import Faults
from ingestion.chatwoot import LOOKBACK, ChatwootApi, chatwoot_api, land_agents, land_conversations, land_csat_responses
from ingestion.chatwoot_records import DayWindows
from ingestion.errors import SourceAuthError, SourceError
from ingestion.http_client import RetrySettings
from ingestion.landing import LandingSummary, WindowBatch
from ingestion.raw_store import RawStore
from ingestion.raw_tables import CHATWOOT_CONVERSATIONS, RawTable
from ingestion.settings import CHATWOOT, SourceConfigError

TOKEN = "cw-test-5b1e77"
NOW = datetime(2026, 11, 1, 12, 0)
FAST_RETRY = RetrySettings(total=4, backoff_factor=0.01, backoff_max=0.05)


@pytest.fixture
def inbox(dataset: Path) -> ChatwootData:
    """A fresh copy per test, so one test's edits never leak into another."""
    return ChatwootData.from_dir(dataset / "crm" / "chatwoot")


def api(server: ChatwootServer, token: str = TOKEN, retry: RetrySettings | None = None) -> ChatwootApi:
    return chatwoot_api(server.url, token, ACCOUNT_ID, retry=retry, requests_per_second=1000)


def total(summaries: list[LandingSummary], entity: str, field: str) -> int:
    return sum(getattr(s, field) for s in summaries if s.entity == entity)


def ids(store: RawStore, table: str) -> list[str]:
    return [row[0] for row in store.query(f"select distinct source_id from raw.{table} order by 1")]


def test_first_pull_pages_through_every_conversation_message_agent_and_response(
    inbox: ChatwootData, raw_store: RawStore
) -> None:
    with ChatwootServer(inbox, token=TOKEN) as server:
        summaries = land_conversations(raw_store, api(server), NOW)
        agents = land_agents(raw_store, api(server), NOW)
        csat = land_csat_responses(raw_store, api(server), NOW)
        pages = [path for _, _, path, _ in server.requests if path.endswith("/conversations")]
    assert total(summaries, "conversations", "landed") == len(inbox.conversations) > 25
    assert len(pages) == -(-len(inbox.conversations) // 25) + 1  # the empty page ends the walk
    assert total(summaries, "messages", "landed") == len(inbox.messages)
    assert ids(raw_store, "chatwoot_messages") == sorted(str(m["id"]) for m in inbox.messages)
    assert total(agents, "agents", "landed") == len(inbox.agents) == 10
    assert total(csat, "csat_responses", "landed") == len(inbox.csat_responses) > 25
    payload = json.loads(raw_store.query("select payload from raw.chatwoot_conversations limit 1")[0][0])
    assert payload["meta"]["channel"] == "Channel::Whatsapp" and isinstance(payload["updated_at"], float)
    assert raw_store.cursor("chatwoot", "conversations") is not None


def test_rides_out_429_with_retry_after_503_bursts_and_dropped_connections(
    inbox: ChatwootData, raw_store: RawStore
) -> None:
    faults = Faults(rate_limit_first=2, retry_after_seconds=1, unavailable_every=7, unavailable_burst=2, drop_every=11)
    with ChatwootServer(inbox, token=TOKEN, faults=faults) as server:
        summaries = land_conversations(raw_store, api(server, retry=FAST_RETRY), NOW)
        statuses = [status for *_, status in server.requests]
    assert total(summaries, "messages", "landed") == len(inbox.messages)
    assert statuses[:2] == [429, 429]
    assert 503 in statuses and None in statuses  # None: the dropped connections never answered


def test_a_conversation_without_id_is_quarantined_and_the_rest_lands(inbox: ChatwootData, raw_store: RawStore) -> None:
    broken = str(inbox.conversations[3]["id"])
    with ChatwootServer(inbox, token=TOKEN, faults=Faults(malformed_record_id=broken)) as server:
        summaries = land_conversations(raw_store, api(server), NOW)
    read, landed = total(summaries, "conversations", "read"), total(summaries, "conversations", "landed")
    assert read == landed + total(summaries, "conversations", "quarantined") == len(inbox.conversations)
    assert raw_store.query("select reason, locator from raw.quarantine")[0][0] == "record without an id"
    assert broken not in ids(raw_store, "chatwoot_conversations")


def test_rerunning_the_pull_changes_nothing(inbox: ChatwootData, raw_store: RawStore) -> None:
    snapshot = "select window_key, source_id, payload, updated_at from raw.chatwoot_{} order by 1, 2"
    with ChatwootServer(inbox, token=TOKEN) as server:
        land_conversations(raw_store, api(server), NOW)
        first = [raw_store.query(snapshot.format(t)) for t in ("conversations", "messages")]
        land_conversations(raw_store, api(server), NOW)
    assert [raw_store.query(snapshot.format(t)) for t in ("conversations", "messages")] == first


def test_the_cursor_fetches_only_what_changed_and_its_look_back(inbox: ChatwootData, raw_store: RawStore) -> None:
    with ChatwootServer(inbox, token=TOKEN) as server:
        land_conversations(raw_store, api(server), NOW)
        cursor = datetime.fromisoformat(raw_store.cursor("chatwoot", "conversations") or "")
        changed = min(inbox.conversations, key=lambda c: c["timestamp"])  # the oldest one gets a reply
        moment = int(cursor.replace(tzinfo=UTC).timestamp()) + 3600
        changed["timestamp"] = changed["last_activity_at"] = moment
        changed["updated_at"] = moment + 0.5
        reply = {**inbox.by_conversation[changed["id"]][0], "id": 10**9, "created_at": moment, "content": "later"}
        inbox.messages.append(reply)
        inbox.index()
        before = len(server.requests)
        summaries = land_conversations(raw_store, api(server), NOW)
        requested = [path for _, _, path, _ in server.requests[before:]]
    since = datetime(*(cursor - LOOKBACK).timetuple()[:3]).replace(tzinfo=UTC).timestamp()
    expected = {str(c["id"]) for c in inbox.conversations if c["timestamp"] >= since}
    landed = {
        row[0]
        for row in raw_store.query("select source_id from raw.chatwoot_conversations where extracted_at = ?", [NOW])
    }
    assert str(changed["id"]) in expected and total(summaries, "conversations", "read") == len(expected)
    assert len(expected) < len(inbox.conversations) / 2
    assert sum(path.endswith("/messages") for path in requested) == len(expected)
    assert str(changed["id"]) in landed
    assert ("10" + "0" * 8,) in raw_store.query("select source_id from raw.chatwoot_messages")
    assert datetime.fromisoformat(raw_store.cursor("chatwoot", "conversations") or "") == cursor + timedelta(hours=1)


def test_a_wrong_token_names_the_variable_never_the_token(inbox: ChatwootData, raw_store: RawStore) -> None:
    with ChatwootServer(inbox, token=TOKEN) as server, pytest.raises(SourceAuthError) as raised:
        land_agents(raw_store, api(server, token="cw-wrong-secret-42"), NOW)
    assert "CHATWOOT_API_TOKEN" in str(raised.value)
    assert "cw-wrong-secret-42" not in str(raised.value)


def test_unset_variables_skip_the_source_and_partial_ones_name_what_is_missing() -> None:
    assert CHATWOOT.read({}) is None
    with pytest.raises(SourceConfigError, match="CHATWOOT_ACCOUNT_ID") as raised:
        CHATWOOT.read({"CHATWOOT_BASE_URL": "http://127.0.0.1:1", "CHATWOOT_API_TOKEN": "cw-secret-9"})
    assert "cw-secret-9" not in str(raised.value)


class CountingStore(RawStore):
    """A RawStore that notes how many requests the server had answered each time a window was landed."""

    def __init__(self, store: RawStore, server: ChatwootServer) -> None:
        super().__init__(store.connection)
        self.server, self.requests_at_landing = server, list[int]()

    def replace_window(self, table: RawTable, batch: WindowBatch) -> LandingSummary:
        self.requests_at_landing.append(len(self.server.requests))
        return super().replace_window(table, batch)


def test_a_pull_lands_each_complete_day_while_it_reads_not_all_at_the_end(
    inbox: ChatwootData, raw_store: RawStore
) -> None:
    """A whole history held until the end outgrew 24 GiB at 10 M messages; a day is landed once it is complete."""
    with ChatwootServer(inbox, token=TOKEN) as server:
        store = CountingStore(raw_store, server)
        summaries = land_conversations(store, api(server), NOW)
        last_request = len(server.requests)
    assert min(store.requests_at_landing) < last_request / 2
    assert total(summaries, "messages", "landed") == len(inbox.messages)
    assert total(summaries, "conversations", "landed") == len(inbox.conversations)
    assert ids(raw_store, "chatwoot_messages") == sorted(str(m["id"]) for m in inbox.messages)
    assert raw_store.cursor("chatwoot", "conversations") is not None


def test_a_day_listed_again_after_it_was_landed_fails_the_pull_instead_of_replacing_it(raw_store: RawStore) -> None:
    windows = DayWindows("chatwoot", "conversations", NOW)
    windows.batch(datetime(2026, 10, 30, 9))
    windows.land_days_after(raw_store, CHATWOOT_CONVERSATIONS, datetime(2026, 10, 29, 23))
    with pytest.raises(SourceError, match="not in descending time"):
        windows.batch(datetime(2026, 10, 30, 18))
    assert windows.batch(None).window_key == NOW.date().isoformat()  # the extraction day stays open
