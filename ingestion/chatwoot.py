"""Chatwoot application API v1: conversations with their messages, agents and CSAT responses.

Conversations are listed newest activity first (`sort_by=last_activity_at_desc`; `status=all`,
because Chatwoot lists only open ones by default), 25 a page, and land in day windows named by the
UTC day of their last activity, each with every message of the conversation. The cursor is the
latest activity landed; the next pull starts at the day holding cursor minus the look-back and stops at the
first page whose conversations are all older, since the list is ordered by that same time. A change
that does not touch last activity (a label added silently) waits for a full pull (no cursor).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from ingestion.chatwoot_records import (
    DayWindows,
    commit_windows,
    conversation_activity,
    conversation_updated,
    created,
    since_day,
)
from ingestion.http_client import RetrySettings, SourceClient
from ingestion.landing import LandingSummary, WindowBatch, add_record, numeric_id, record_id
from ingestion.raw_store import RawStore
from ingestion.raw_tables import (
    CHATWOOT_AGENTS,
    CHATWOOT_CONVERSATIONS,
    CHATWOOT_CSAT_RESPONSES,
    CHATWOOT_MESSAGES,
)

SOURCE = "chatwoot"
# Self-hosted Chatwoot throttles each IP at RACK_ATTACK_LIMIT requests a minute (3000 by default).
DEFAULT_REQUESTS_PER_SECOND = 45.0
# Conversations reach the list a little after their activity time (jobs, clock skew between servers).
LOOKBACK = timedelta(hours=2)
MESSAGES_PER_PAGE = 20  # the messages endpoint answers the latest 20, or the 20 before `before`


@dataclass(frozen=True)
class ChatwootApi:
    """The shared HTTP client bound to one Chatwoot account's URL prefix."""

    client: SourceClient
    account_id: str

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get_json(f"/api/v1/accounts/{self.account_id}{path}", params)

    def close(self) -> None:
        self.client.close()


def chatwoot_api(
    base_url: str,
    token: str,
    account_id: str,
    retry: RetrySettings | None = None,
    requests_per_second: float = DEFAULT_REQUESTS_PER_SECOND,
) -> ChatwootApi:
    """The shared client with Chatwoot's `api_access_token` header and rate limit."""
    client = SourceClient(
        source=SOURCE,
        base_url=base_url,
        auth_headers={"api_access_token": token},
        token_variable="CHATWOOT_API_TOKEN",
        requests_per_second=requests_per_second,
        retry=retry or RetrySettings(),
    )
    return ChatwootApi(client, account_id)


def numbered_pages(api: ChatwootApi, path: str, params: dict[str, Any]) -> Iterator[tuple[int, list[Any]]]:
    """Yield (page, records) for `page=1, 2, …` until Chatwoot answers an empty page."""
    page = 0
    while True:
        page += 1
        document = api.get(path, {**params, "page": page})
        records = (document.get("data") or {}).get("payload") if isinstance(document, dict) else document
        if not records:
            return
        yield page, records


def land_conversations(
    store: RawStore, api: ChatwootApi, extracted_at: datetime, lookback: timedelta = LOOKBACK
) -> list[LandingSummary]:
    """Land conversations active since the cursor (less the look-back) and all their messages."""
    since = since_day(store.cursor(SOURCE, "conversations"), lookback)
    conversations = DayWindows(SOURCE, "conversations", extracted_at)
    messages = DayWindows(SOURCE, "messages", extracted_at)
    seen: set[str] = set()
    latest: datetime | None = None
    summaries: list[LandingSummary] = []
    params = {"status": "all", "assignee_type": "all", "sort_by": "last_activity_at_desc"}
    for page, records in numbered_pages(api, "/conversations", params):
        recent = [r for r in records if since is None or (conversation_activity(r) or since) >= since]
        for position, record in enumerate(recent, start=1):
            key, activity = record_id(record), conversation_activity(record)
            if key in seen:  # listed twice: new activity moved it up while we paged
                continue
            locator = f"conversations page {page} #{position}"
            if add_record(conversations.batch(activity), record, locator, "updated_at", conversation_updated):
                seen.add(str(key))
                latest = max(filter(None, (latest, activity)), default=None)
                read_messages(api, str(key), messages.batch(activity))
        if not recent:
            break
        # The list is newest activity first: the days after this page's last conversation are complete.
        if (last := conversation_activity(recent[-1])) is not None:
            summaries += messages.land_days_after(store, CHATWOOT_MESSAGES, last)
            summaries += conversations.land_days_after(store, CHATWOOT_CONVERSATIONS, last)
    summaries += [store.replace_window(CHATWOOT_MESSAGES, batch) for batch in messages.batches()]
    return summaries + commit_windows(store, CHATWOOT_CONVERSATIONS, conversations, latest)


def read_messages(api: ChatwootApi, conversation_id: str, batch: WindowBatch) -> None:
    """Every message of a conversation, paging backwards with `before=<oldest id seen>`."""
    before: int | None = None
    while True:
        path = f"/conversations/{quote(conversation_id, safe='')}/messages"  # an id is data, never a path
        document = api.get(path, {"before": before} if before else None)
        payload = (document or {}).get("payload") or []
        for position, record in enumerate(payload, start=1):
            locator = f"conversation {conversation_id} messages before {before or 'latest'} #{position}"
            add_record(batch, record, locator, "created_at", created)
        ids = [number for number in map(numeric_id, map(record_id, payload)) if number is not None]
        if len(payload) < MESSAGES_PER_PAGE or not ids:
            return
        before = min(ids)


def land_agents(store: RawStore, api: ChatwootApi, extracted_at: datetime) -> list[LandingSummary]:
    """The account's agents, a short list read whole; they carry no time, so extraction dates them."""
    batch = WindowBatch(SOURCE, "agents", "full", extracted_at)
    for position, record in enumerate(api.get("/agents") or [], start=1):
        add_record(batch, record, f"agents #{position}", "extraction time", lambda _: extracted_at)
    return [store.replace_window(CHATWOOT_AGENTS, batch)]


def land_csat_responses(
    store: RawStore, api: ChatwootApi, extracted_at: datetime, lookback: timedelta = LOOKBACK
) -> list[LandingSummary]:
    """CSAT responses created since the cursor's day (less the look-back), in created-day windows."""
    since = since_day(store.cursor(SOURCE, "csat_responses"), lookback)
    until = int(extracted_at.replace(tzinfo=UTC).timestamp()) + 86_400
    # Chatwoot filters by created_at only when both `since` and `until` (unix seconds) are given.
    params = {} if since is None else {"since": int(since.replace(tzinfo=UTC).timestamp()), "until": until}
    windows = DayWindows(SOURCE, "csat_responses", extracted_at)
    latest: datetime | None = None
    for page, records in numbered_pages(api, "/csat_survey_responses", params):
        for position, record in enumerate(records, start=1):
            moment = created(record) if isinstance(record, dict) else None
            if add_record(windows.batch(moment), record, f"csat page {page} #{position}", "created_at", created):
                latest = max(filter(None, (latest, moment)), default=None)
    return commit_windows(store, CHATWOOT_CSAT_RESPONSES, windows, latest)
