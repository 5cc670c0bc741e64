"""A source that stays down fails its own asset, clearly, and the other sources land (DESIGN §8)."""

import socket
from pathlib import Path

import dagster as dg
import duckdb
from dagster._utils.error import SerializableErrorInfo

from demo.run import received_days
from tests.pipeline.pipeline_run import run_pipeline

TOKENS = {
    "HUBSPOT_ACCESS_TOKEN": "pat-down-test",
    "AMOCRM_ACCESS_TOKEN": "amocrm-down-test",
    "CHATWOOT_API_TOKEN": "chatwoot-down-test",
}


def closed_port() -> int:
    """A loopback port nothing listens on: every connection to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def error_chain(error: SerializableErrorInfo | None) -> list[str]:
    """A step failure's message and those of its causes: "Exceeded max_retries" wraps the source's own error."""
    messages = []
    while error is not None:
        messages.append(error.message)
        error = error.cause
    return messages


def test_hubspot_down_fails_its_asset_and_the_other_sources_land(dataset: Path, tmp_path: Path) -> None:
    day = received_days(dataset / "landing")[-1]
    outcome = run_pipeline(
        dataset,
        tmp_path,
        TOKENS,
        [day],
        {
            "HUBSPOT_BASE_URL": f"http://127.0.0.1:{closed_port()}",
            # The defaults wait out a source down for minutes; the test needs the verdict, not the wait.
            "SOURCE_HTTP_RETRIES": "1",
            "SOURCE_RETRY_DELAY_SECONDS": "0.1",
        },
    )
    assert outcome.returncode != 0
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as warehouse:
        landed = {
            table: warehouse.execute(f"select count(*) from raw.{table}").fetchone()[0]
            for table in ("hubspot_deals", "amocrm_leads", "chatwoot_conversations", "whatsapp_webhook_events")
        }
    assert landed["hubspot_deals"] == 0
    assert all(landed[table] > 0 for table in ("amocrm_leads", "chatwoot_conversations", "whatsapp_webhook_events"))

    with dg.DagsterInstance.from_config(str(tmp_path / "dagster_home")) as instance:
        failures = [
            entry.dagster_event
            for run in instance.get_runs()
            for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_FAILURE)
        ]
    failed_steps = {event.step_key for event in failures}
    assert failed_steps and all("hubspot" in step for step in failed_steps), failed_steps
    messages = " ".join(message for event in failures for message in error_chain(event.event_specific_data.error))
    assert "hubspot" in messages.lower() and TOKENS["HUBSPOT_ACCESS_TOKEN"] not in messages
