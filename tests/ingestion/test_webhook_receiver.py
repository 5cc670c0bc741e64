"""The webhook receiver over real HTTP: Meta's handshake, signatures, the size cap, durable landing."""

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import orjson
import pytest
import requests

from ingestion.raw_store import RawStore
from ingestion.webhook_receiver import ReceiverServer, build_server
from ingestion.webhook_signature import expected_signature
from ingestion.whatsapp_webhooks import land_day
from tests.conftest import dbt_command
from tests.ingestion.webhook_bodies import body, text_message

SECRET = "app-secret-for-tests"
VERIFY = "verify-me"
CAP = 64 * 1024
# Short, so the tests see idle connections dropped; the default is 10 s.
REQUEST_TIMEOUT = 0.5


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    server: ReceiverServer = build_server(
        "127.0.0.1", 0, SECRET, VERIFY, tmp_path, max_body=CAP, request_timeout=REQUEST_TIMEOUT
    )
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


def connect(url: str) -> socket.socket:
    """A bare TCP connection to the receiver at `url`, for what no HTTP library would send."""
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def raw_request(url: str, data: bytes) -> bytes:
    """Send bytes no HTTP library would send, and read whatever the receiver answers before it closes."""
    with connect(url) as connection:
        connection.sendall(data)
        answer = b""
        while chunk := connection.recv(4096):
            answer += chunk
        return answer


def test_hostile_signatures_and_tokens_are_refused_not_crashed(receiver: tuple[str, Path]) -> None:
    """Non-ASCII text made `hmac.compare_digest` raise instead of answer: the sender got no response at all."""
    url, landing = receiver
    payload = orjson.dumps(body(messages=[text_message("wamid.hostile")]))
    assert post(url, payload, "sha256=é" + "0" * 63).status_code == 401
    forged = b"POST / HTTP/1.1\r\nX-Hub-Signature-256: sha256=\xff\xfe\r\nContent-Length: 2\r\n\r\n{}"
    assert raw_request(url, forged).startswith(b"HTTP/1.0 401")
    token = requests.get(url, params={"hub.mode": "subscribe", "hub.verify_token": "vérifié", "hub.challenge": "x"})
    assert token.status_code == 403
    assert landed_lines(landing) == []


def test_a_flood_of_bad_requests_leaves_every_good_delivery_landed_once(receiver: tuple[str, Path]) -> None:
    url, landing = receiver
    junk = [
        b"GARBAGE\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: many\r\n\r\n",
        b"POST / HTTP/1.1\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
        b"\x00\x01\x02" * 100 + b"\r\n\r\n",
    ]
    good = [orjson.dumps(body(messages=[text_message(f"wamid.flood{i}")])) for i in range(20)]
    statuses: list[int] = []

    def attack(round_number: int) -> None:
        for i in range(40):
            payload = orjson.dumps(body(messages=[text_message(f"wamid.forged{round_number}.{i}")]))
            assert post(url, payload, expected_signature("not-the-secret", payload)).status_code == 401
            raw_request(url, junk[i % len(junk)])

    def deliver(payload: bytes) -> None:
        statuses.append(post(url, payload, expected_signature(SECRET, payload)).status_code)

    threads = [threading.Thread(target=attack, args=(n,)) for n in range(6)]
    threads += [threading.Thread(target=deliver, args=(payload,)) for payload in good]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(good)
    assert sorted(landed_lines(landing)) == sorted(good)


def test_idle_and_slow_connections_are_closed_and_land_nothing(receiver: tuple[str, Path]) -> None:
    """A slow-loris flood would otherwise hold a thread per connection for ever."""
    url, landing = receiver
    payload = orjson.dumps(body(messages=[text_message("wamid.slow")]))
    head = f"POST / HTTP/1.1\r\nX-Hub-Signature-256: {expected_signature(SECRET, payload)}\r\n"
    half_sent = (head + f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload[:10]
    idle = [connect(url) for _ in range(50)]
    slow = connect(url)
    slow.sendall(half_sent)

    on_time = orjson.dumps(body(messages=[text_message("wamid.on_time")]))
    assert post(url, on_time, expected_signature(SECRET, on_time)).status_code == 200
    for connection in [*idle, slow]:
        with connection:
            assert connection.recv(4096) == b""  # closed by the receiver, well before our own 10 s timeout
    assert landed_lines(landing) == [on_time]


def test_a_replayed_body_counts_once(receiver: tuple[str, Path], tmp_path: Path) -> None:
    """Meta retries a delivery it saw no 200 for, and anyone can resend a signed body they captured. The raw layer
    keeps every copy as received (append-only, DESIGN §1); staging resolves them to one message."""
    url, landing = receiver
    payload = orjson.dumps(body(messages=[text_message("wamid.replayed")]))
    for _ in range(3):
        assert post(url, payload, expected_signature(SECRET, payload)).status_code == 200
    assert landed_lines(landing) == [payload] * 3
    now = datetime.now(UTC)
    warehouse = tmp_path / "w.duckdb"
    with RawStore.open(warehouse) as store:
        assert land_day(store, landing, now.date(), now.replace(tzinfo=None)).landed == 3
    dbt_command("run", "--select", "stg_whatsapp__messages", warehouse=warehouse, target_path=tmp_path / "target")
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        messages = connection.execute("select message_id from staging.stg_whatsapp__messages").fetchall()
    assert messages == [("wamid.replayed",)]
