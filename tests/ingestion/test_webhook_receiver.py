"""The webhook receiver over real HTTP: Meta's handshake, signatures, the size cap, durable landing."""

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
import requests

from ingestion.raw_store import RawStore
from ingestion.webhook_receiver import ReceiverServer, build_server
from ingestion.webhook_signature import expected_signature
from ingestion.whatsapp_webhooks import land_day
from tests.ingestion.webhook_bodies import body, text_message

SECRET = "app-secret-for-tests"
VERIFY = "verify-me"
CAP = 64 * 1024


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    server: ReceiverServer = build_server("127.0.0.1", 0, SECRET, VERIFY, tmp_path, max_body=CAP)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()
    server.server_close()


def landed_lines(landing: Path) -> list[bytes]:
    return [line for path in sorted(landing.rglob("*.ndjson")) for line in path.read_bytes().splitlines()]


def post(url: str, payload: bytes, signature: str | None) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature
    return requests.post(url, data=payload, headers=headers, timeout=10)


def test_subscription_check_echoes_the_challenge_only_for_our_token(receiver: tuple[str, Path]) -> None:
    url, _ = receiver
    good = requests.get(
        url, params={"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"}
    )
    assert (good.status_code, good.text) == (200, "1158201444")
    bad = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "x"})
    assert bad.status_code == 403


def test_a_signed_body_is_on_disk_before_the_200(receiver: tuple[str, Path]) -> None:
    url, landing = receiver
    payload = orjson.dumps(body(messages=[text_message("wamid.recv1")]))
    response = post(url, payload, expected_signature(SECRET, payload))
    assert (response.status_code, response.text) == (200, "EVENT_RECEIVED")
    assert landed_lines(landing) == [payload]
    today = datetime.now(UTC).date()
    assert (landing / "whatsapp" / today.isoformat()).is_dir()


def test_a_bad_or_missing_signature_is_refused_and_nothing_written(receiver: tuple[str, Path]) -> None:
    url, landing = receiver
    payload = orjson.dumps(body(messages=[text_message("wamid.forged")]))
    assert post(url, payload, expected_signature("someone-else", payload)).status_code == 401
    assert post(url, payload, None).status_code == 401
    tampered = payload.replace(b"wamid.forged", b"wamid.forgeD")
    assert post(url, tampered, expected_signature(SECRET, payload)).status_code == 401
    assert landed_lines(landing) == []


def test_a_body_over_the_cap_is_refused(receiver: tuple[str, Path]) -> None:
    url, landing = receiver
    payload = b'{"object": "whatsapp_business_account", "pad": "' + b"x" * CAP + b'"}'
    assert post(url, payload, expected_signature(SECRET, payload)).status_code == 413
    assert landed_lines(landing) == []


def test_a_pretty_printed_body_stays_one_line_and_lands(receiver: tuple[str, Path], tmp_path: Path) -> None:
    url, landing = receiver
    payload = orjson.dumps(body(messages=[text_message("wamid.pretty")]), option=orjson.OPT_INDENT_2)
    assert b"\n" in payload
    assert post(url, payload, expected_signature(SECRET, payload)).status_code == 200
    assert len(landed_lines(landing)) == 1
    with RawStore.open(tmp_path / "w.duckdb") as store:
        summary = land_day(store, landing, datetime.now(UTC).date(), datetime.now(UTC).replace(tzinfo=None))
    assert (summary.landed, summary.quarantined) == (1, 0)


def test_concurrent_deliveries_each_land_whole(receiver: tuple[str, Path]) -> None:
    url, landing = receiver
    payloads = [orjson.dumps(body(messages=[text_message(f"wamid.c{i}")])) for i in range(40)]

    statuses: list[int] = []

    def send(payload: bytes) -> None:
        statuses.append(post(url, payload, expected_signature(SECRET, payload)).status_code)

    threads = [threading.Thread(target=send, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(payloads)
    assert sorted(landed_lines(landing)) == sorted(payloads)
