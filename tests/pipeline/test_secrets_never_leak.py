"""Secrets never leave the environment: a real run with recognisable tokens, then every trace of it searched.

The pipeline runs as `make run` runs it (`python -m orchestration.run`, two days of messages, the CRMs whole)
against local HubSpot, amoCRM and Chatwoot servers that accept only the canary tokens; the webhook receiver
runs with a canary app secret and verify token and is sent good and bad requests. Then no token may appear
in the terminal output, the log file, Dagster's home (event log, run storage with its tags and config, compute
logs), any column of any warehouse table, the backups, the published snapshot or the receiver's landing and log.
"""

import hashlib
import hmac
import io
import logging
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from demo.run import received_days
from ingestion.sql_quoting import identifier, qualified
from ingestion.webhook_receiver import build_server
from ingestion.webhook_signature import SIGNATURE_HEADER
from tests.pipeline.pipeline_run import run_pipeline
from tests.serving.pii_scan import published_texts

CANARIES = {
    "HUBSPOT_ACCESS_TOKEN": "pat-na1-CANARY-hubspot-5b7e1c",
    "AMOCRM_ACCESS_TOKEN": "CANARY-amocrm-token-0d93fa",
    "CHATWOOT_API_TOKEN": "CANARY-chatwoot-token-7c2e44",
    "WHATSAPP_APP_SECRET": "CANARY-app-secret-91b0d6",
    "WHATSAPP_VERIFY_TOKEN": "CANARY-verify-token-3f58aa",
}
WINDOW_DAYS = 2


def leaks(texts: Iterator[tuple[str, str]]) -> list[str]:
    return [f"{name} in {where}" for where, text in texts for name, value in CANARIES.items() if value in text]


def warehouse_texts(warehouse: Path) -> Iterator[tuple[str, str]]:
    """Every column of every table, as text: raw payloads, quarantine, cursors, marts, audits."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "join information_schema.tables using (table_schema, table_name) where table_type = 'BASE TABLE'"
        ).fetchall()
        for schema, table, column in columns:
            values = connection.execute(
                f"select distinct cast({identifier(column)} as varchar) from {qualified(schema, table)}"
            )
            yield f"{schema}.{table}.{column}", "\n".join(value for (value,) in values.fetchall() if value)


def folder_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """Every file under `folder`: Parquet column by column, anything else (SQLite, logs, HTML) as bytes."""
    yield from published_texts(folder) if folder.exists() else iter(())


def exercise_receiver(landing: Path) -> str:
    """Good and bad requests to the receiver, with its debug log captured; returns that log."""
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    logger = logging.getLogger("webhook_receiver")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    server = build_server("127.0.0.1", 0, CANARIES["WHATSAPP_APP_SECRET"], CANARIES["WHATSAPP_VERIFY_TOKEN"], landing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    body = b'{"object": "whatsapp_business_account", "entry": []}'
    signature = "sha256=" + hmac.new(CANARIES["WHATSAPP_APP_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    answers = []
    for request in (
        urllib.request.Request(
            f"{url}/?hub.mode=subscribe&hub.verify_token={CANARIES['WHATSAPP_VERIFY_TOKEN']}&hub.challenge=42"
        ),
        urllib.request.Request(f"{url}/?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42"),
        urllib.request.Request(url, data=body, headers={SIGNATURE_HEADER: signature}),
        urllib.request.Request(url, data=body, headers={SIGNATURE_HEADER: "sha256=00"}),
    ):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                answers.append(response.status)
        except urllib.error.HTTPError as error:
            answers.append(error.code)
    server.shutdown()
    server.server_close()
    logger.removeHandler(handler)
    assert answers == [200, 403, 200, 401]
    return captured.getvalue()


@pytest.fixture
def run_folder(dataset: Path, tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess]:
    days = received_days(dataset / "landing")[-WINDOW_DAYS:]
    return tmp_path, run_pipeline(dataset, tmp_path, CANARIES, days)


def test_no_token_or_secret_appears_anywhere_a_run_writes(run_folder: tuple[Path, subprocess.CompletedProcess]) -> None:
    folder, outcome = run_folder
    assert outcome.returncode == 0, outcome.stdout[-3000:] + outcome.stderr[-3000:]
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as connection:
        for table in ("hubspot_contacts", "amocrm_leads", "chatwoot_conversations"):
            assert connection.execute(f"select count(*) from raw.{table}").fetchone()[0] > 0, table  # tokens were used
    receiver_log = exercise_receiver(folder / "receiver_landing")
    found = leaks(
        iter(
            [
                ("stdout", outcome.stdout),
                ("stderr", outcome.stderr),
                ("receiver log", receiver_log),
            ]
        )
    )
    found += leaks(warehouse_texts(folder / "warehouse.duckdb"))
    for name in ("pipeline.log", "dagster_home", "backups", "published", "receiver_landing"):
        found += leaks(folder_texts(folder / name))
    assert found == []
    assert (folder / "dagster_home" / "history").is_dir() and list((folder / "published").rglob("*.parquet"))


def test_the_search_finds_a_planted_token(tmp_path: Path) -> None:
    (tmp_path / "run.log").write_text(f"Authorization: Bearer {CANARIES['AMOCRM_ACCESS_TOKEN']}\n", encoding="utf-8")
    assert leaks(folder_texts(tmp_path)) == ["AMOCRM_ACCESS_TOKEN in run.log"]
