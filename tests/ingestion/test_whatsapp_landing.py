"""Webhook files land event by event; what cannot be landed is quarantined with its reason."""

from datetime import date, datetime
from pathlib import Path

import pytest

from ingestion.raw_store import RawStore
from ingestion.whatsapp_webhooks import day_folder, land_day, land_days
from tests.ingestion.webhook_bodies import body, ndjson, status, text_message

DAY = date(2026, 1, 1)
NOW = datetime(2026, 1, 2, 3, 4, 5)


def write_day(landing: Path, content: bytes, name: str = "webhooks-0001.ndjson") -> None:
    folder = day_folder(landing, DAY)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content)


def rows(store: RawStore, sql: str) -> list[tuple]:
    return store.query(sql)


def test_every_message_and_status_becomes_one_row(tmp_path: Path, raw_store: RawStore) -> None:
    write_day(
        tmp_path,
        ndjson(
            body(messages=[text_message("wamid.in1"), text_message("wamid.in2")]),
            body(statuses=[status("wamid.out1", "delivered"), status("wamid.out1", "sent")]),
        ),
    )
    summary = land_day(raw_store, tmp_path, DAY, NOW)
    assert (summary.read, summary.landed, summary.quarantined) == (4, 4, 0)
    landed = rows(
        raw_store,
        "select event_kind, source_id, line_number, event_index, window_key, source_file "
        "from raw.whatsapp_webhook_events order by line_number, event_index",
    )
    assert landed == [
        ("message", "wamid.in1", 1, 1, "2026-01-01", "whatsapp/2026-01-01/webhooks-0001.ndjson"),
        ("message", "wamid.in2", 1, 2, "2026-01-01", "whatsapp/2026-01-01/webhooks-0001.ndjson"),
        ("status", "wamid.out1", 2, 1, "2026-01-01", "whatsapp/2026-01-01/webhooks-0001.ndjson"),
        ("status", "wamid.out1", 2, 2, "2026-01-01", "whatsapp/2026-01-01/webhooks-0001.ndjson"),
    ]


def test_payload_and_context_are_kept_whole(tmp_path: Path, raw_store: RawStore) -> None:
    message = text_message("wamid.ar", timestamp="1767225600") | {"text": {"body": "مرحبا، كم السعر؟"}}
    write_day(tmp_path, ndjson(body(messages=[message])))
    land_day(raw_store, tmp_path, DAY, NOW)
    payload, context = rows(raw_store, "select payload, context from raw.whatsapp_webhook_events")[0]
    assert "مرحبا، كم السعر؟" in payload
    assert '"phone_number_id":"106540352242922"' in context and '"wa_id":"971501234567"' in context


BAD_LINES = {
    "malformed JSON": b'{"object": "whatsapp_business_account", "entry": [',
    "invalid UTF-8": b'{"object": "whatsapp_business_account", "x": "\xff\xfe"}',
    "not a whatsapp_business_account webhook body": b'{"object": "page", "entry": []}',
    "webhook body without an entry list": b'{"object": "whatsapp_business_account"}',
}


@pytest.mark.parametrize("reason", sorted(BAD_LINES))
def test_unreadable_bodies_are_quarantined_and_the_rest_lands(tmp_path: Path, raw_store: RawStore, reason: str) -> None:
    write_day(tmp_path, ndjson(body(messages=[text_message("wamid.ok")]), BAD_LINES[reason]))
    summary = land_day(raw_store, tmp_path, DAY, NOW)
    assert (summary.read, summary.landed, summary.quarantined) == (2, 1, 1)
    (locator, found_reason, source, entity) = rows(
        raw_store, "select locator, reason, source, entity from raw.quarantine"
    )[0]
    assert locator == "whatsapp/2026-01-01/webhooks-0001.ndjson:2"
    assert found_reason.startswith(reason)
    assert (source, entity) == ("whatsapp", "webhook_events")


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"from": "971501234567", "timestamp": "1767225600", "type": "text"}, "message without an id"),
        (text_message("wamid.x", timestamp="0"), "message timestamp 0 is out of range"),
        (
            text_message("wamid.x", timestamp="1767225600000"),
            "message timestamp 1767225600000 is out of range",
        ),
        (text_message("wamid.x", timestamp="253402300799"), "message timestamp 253402300799 is out of range"),
        (text_message("wamid.x", timestamp="yesterday"), "message timestamp 'yesterday' is not unix seconds"),
        ({"id": "wamid.x", "timestamp": "1767225600", "type": "text"}, "message without a sender"),
    ],
)
def test_events_without_key_or_with_absurd_timestamps_are_quarantined(
    tmp_path: Path, raw_store: RawStore, event: dict, reason: str
) -> None:
    write_day(tmp_path, ndjson(body(messages=[event, text_message("wamid.ok")])))
    summary = land_day(raw_store, tmp_path, DAY, NOW)
    assert (summary.landed, summary.quarantined) == (1, 1)
    assert rows(raw_store, "select reason from raw.quarantine")[0][0].startswith(reason)


def test_unknown_message_types_and_users_without_phone_are_kept(tmp_path: Path, raw_store: RawStore) -> None:
    unknown = {"from": "971501234567", "id": "wamid.new", "timestamp": "1767225600", "type": "hologram"}
    no_phone = {
        "from_user_id": "AE.1349120865530274",
        "id": "wamid.u",
        "timestamp": "1767225600",
        "type": "text",
    }
    write_day(tmp_path, ndjson(body(messages=[unknown, no_phone])))
    assert land_day(raw_store, tmp_path, DAY, NOW).landed == 2


def test_non_message_changes_are_quarantined_not_dropped(tmp_path: Path, raw_store: RawStore) -> None:
    template_update = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [{"field": "message_template_status_update", "value": {"event": "APPROVED"}}],
            }
        ],
    }
    write_day(tmp_path, ndjson(template_update))
    summary = land_day(raw_store, tmp_path, DAY, NOW)
    assert (summary.read, summary.quarantined) == (1, 1)


def test_rerunning_a_day_replaces_it_without_duplicates(tmp_path: Path, raw_store: RawStore) -> None:
    write_day(tmp_path, ndjson(body(messages=[text_message("wamid.1")]), b"not json"))
    land_day(raw_store, tmp_path, DAY, NOW)
    land_day(raw_store, tmp_path, DAY, NOW)
    counts = rows(
        raw_store,
        "select (select count(*) from raw.whatsapp_webhook_events), (select count(*) from raw.quarantine)",
    )
    assert counts == [(1, 1)]


def test_a_late_file_for_the_day_is_picked_up_by_the_rerun(tmp_path: Path, raw_store: RawStore) -> None:
    write_day(tmp_path, ndjson(body(messages=[text_message("wamid.1")])))
    land_day(raw_store, tmp_path, DAY, NOW)
    write_day(tmp_path, ndjson(body(messages=[text_message("wamid.2")])), name="webhooks-0002.ndjson")
    assert land_day(raw_store, tmp_path, DAY, NOW).landed == 2
    assert rows(raw_store, "select count(*) from raw.whatsapp_webhook_events") == [(2,)]


def test_other_days_are_untouched(tmp_path: Path, raw_store: RawStore) -> None:
    write_day(tmp_path, ndjson(body(messages=[text_message("wamid.1")])))
    land_day(raw_store, tmp_path, DAY, NOW)
    land_day(raw_store, tmp_path, date(2026, 1, 2), NOW)  # an empty day
    assert rows(raw_store, "select count(*) from raw.whatsapp_webhook_events") == [(1,)]


def test_duplicate_deliveries_are_landed_as_received(tmp_path: Path, raw_store: RawStore) -> None:
    delivery = body(messages=[text_message("wamid.dup")])
    write_day(tmp_path, ndjson(delivery, delivery))
    assert land_day(raw_store, tmp_path, DAY, NOW).landed == 2  # staging deduplicates by id


def test_a_range_lands_each_day_as_its_own_window_and_reruns_cleanly(tmp_path: Path, raw_store: RawStore) -> None:
    second_day = date(2026, 1, 2)
    write_day(tmp_path, ndjson(body(messages=[text_message("wamid.1")]), b"not json"))
    folder = day_folder(tmp_path, second_day)
    folder.mkdir(parents=True)
    (folder / "webhooks-0001.ndjson").write_bytes(ndjson(body(statuses=[status("wamid.1", "read")])))
    for _ in range(2):
        summaries = land_days(raw_store, tmp_path, [DAY, second_day], NOW)
        assert [(s.window_key, s.read, s.landed, s.quarantined) for s in summaries] == [
            ("2026-01-01", 2, 1, 1),
            ("2026-01-02", 1, 1, 0),
        ]
    assert rows(raw_store, "select window_key, event_kind from raw.whatsapp_webhook_events order by 1") == [
        ("2026-01-01", "message"),
        ("2026-01-02", "status"),
    ]
    assert rows(raw_store, "select window_key from raw.quarantine") == [("2026-01-01",)]


def test_a_range_larger_than_one_transaction_lands_whole(
    tmp_path: Path, raw_store: RawStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ingestion.whatsapp_webhooks.EVENTS_PER_TRANSACTION", 1)
    days = [date(2026, 1, day) for day in range(1, 4)]
    for number, day in enumerate(days):
        folder = day_folder(tmp_path, day)
        folder.mkdir(parents=True)
        (folder / "webhooks-0001.ndjson").write_bytes(ndjson(body(messages=[text_message(f"wamid.{number}")])))
    assert [s.landed for s in land_days(raw_store, tmp_path, days, NOW)] == [1, 1, 1]
    assert rows(raw_store, "select count(distinct window_key), count(*) from raw.whatsapp_webhook_events") == [(3, 3)]
