"""The Dagster UI as data engineers use it: a real webserver and daemon, driven through GraphQL like the UI.

One deployment for the module: a backfill of three days launched as the UI launches it while a
second warehouse-writing run starts at the same moment (both must succeed, their warehouse steps one
after the other), then the build from the UI's "Materialize", then the asset graph screenshot.
"""

import itertools
import os
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.run_window import landed_days, partition_range_tags
from tests.e2e.dagster_ui import Deployment, dagster_deployment, wait_until
from tests.e2e.graph_screenshot import asset_graph_components, screenshot_asset_graph

pytestmark = pytest.mark.slow

WEBHOOK_EVENTS = ["raw", "whatsapp_webhook_events"]
RUN_SECONDS = 600
# Settings a developer's shell may carry that would point the deployment at real sources.
FOREIGN = ("HUBSPOT_", "AMOCRM_", "CHATWOOT_", "ALERT_WEBHOOK_URL", "WHATSAPP_")

LAUNCH_BACKFILL = """
mutation LaunchPartitionBackfill($backfillParams: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $backfillParams) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message stack }
    ... on PartitionSetNotFoundError { message }
    ... on UnauthorizedError { message }
  }
}
"""
LAUNCH_RUN = """
mutation LaunchRun($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message stack }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}
"""
BACKFILL_STATUS = """
query Backfill($id: String!) {
  partitionBackfillOrError(backfillId: $id) { ... on PartitionBackfill { status runs(limit: 100) { runId } } }
}
"""
RUN_STATUS = "query Run($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }"
DONE = {"COMPLETED", "COMPLETED_SUCCESS", "COMPLETED_FAILED", "FAILED", "CANCELED"}
RUN_DONE = {"SUCCESS", "FAILURE", "CANCELED"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("deployment")


@pytest.fixture(scope="module")
def deployment(dataset: Path, folder: Path) -> Iterator[Deployment]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(FOREIGN)}
    env |= {
        "WAREHOUSE_PATH": str(folder / "warehouse.duckdb"),
        "LANDING_DIR": str(dataset / "landing"),
        "BACKUP_DIR": str(folder / "backups"),
        "PUBLISH_DIR": str(folder / "published"),
        "PII_HASH_SALT": "test-salt",
        "REPORTING_TIMEZONE": "UTC",
        "GX_ANALYTICS_ENABLED": "false",
    }
    with dagster_deployment(folder, env) as running:
        yield running


def launch_run(deployment: Deployment, job: str, tags: dict[str, str] | None = None) -> str:
    params = {
        "selector": {"repositoryLocationName": "wa_crm_analytics", "repositoryName": "__repository__", "jobName": job},
        "mode": "default",
        "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in (tags or {}).items()]},
    }
    result = deployment.graphql(LAUNCH_RUN, {"executionParams": params})["launchRun"]
    assert result["__typename"] == "LaunchRunSuccess", result
    return result["run"]["runId"]


def run_status(deployment: Deployment, run_id: str) -> str | None:
    status = deployment.graphql(RUN_STATUS, {"id": run_id})["runOrError"]["status"]
    return status if status in RUN_DONE else None


def step_intervals(instance: dg.DagsterInstance, run_id: str) -> list[tuple[float, float, str]]:
    """When each step of a run held the warehouse: from its start to its success or failure."""
    started: dict[str, float] = {}
    intervals = []
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            intervals.append((started[event.step_key], entry.timestamp, f"{run_id[:8]}:{event.step_key}"))
    return intervals


@pytest.fixture(scope="module")
def backfilled_days(deployment: Deployment, dataset: Path) -> list[str]:
    """Three days backfilled from the UI while a run for a fourth day is launched at the same moment."""
    days = [day.isoformat() for day in landed_days(dataset / "landing")[10:14]]
    params = {
        "assetSelection": [{"path": WEBHOOK_EVENTS}],
        "partitionNames": days[:3],
        "fromFailure": False,
        "tags": [],
    }
    launched = deployment.graphql(LAUNCH_BACKFILL, {"backfillParams": params})["launchPartitionBackfill"]
    assert launched["__typename"] == "LaunchBackfillSuccess", launched
    other_run = launch_run(deployment, "land_messages", {"dagster/partition": days[3]})

    def backfill_done() -> dict | None:
        backfill = deployment.graphql(BACKFILL_STATUS, {"id": launched["backfillId"]})["partitionBackfillOrError"]
        return backfill if backfill["status"] in DONE else None

    backfill = wait_until(backfill_done, RUN_SECONDS, "the backfill to finish", 2)
    assert backfill["status"] in ("COMPLETED", "COMPLETED_SUCCESS"), backfill
    assert wait_until(lambda: run_status(deployment, other_run), RUN_SECONDS, "the second run", 2) == "SUCCESS"
    with dg.DagsterInstance.from_config(str(deployment.home)) as instance:
        runs = [*(run["runId"] for run in backfill["runs"]), other_run]
        assert all(instance.get_run_by_id(run_id).is_success for run_id in runs)
        # One writer at a time: no two warehouse steps of different runs ever overlapped.
        intervals = sorted(interval for run_id in runs for interval in step_intervals(instance, run_id))
        for (_, first_end, first), (second_start, _, second) in itertools.pairwise(intervals):
            assert second_start >= first_end, f"{first} and {second} held the warehouse at once"
        materialized = instance.get_materialized_partitions(dg.AssetKey(WEBHOOK_EVENTS))
    assert set(days) <= materialized
    return days


def test_a_backfill_launched_like_the_ui_lands_every_day(backfilled_days: list[str], folder: Path) -> None:
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as connection:
        rows = connection.execute("select distinct window_key from raw.whatsapp_webhook_events").fetchall()
    landed = {row[0] for row in rows}
    assert landed == set(backfilled_days)


def test_materializing_the_build_puts_those_days_in_the_marts(
    deployment: Deployment, backfilled_days: list[str], folder: Path
) -> None:
    run_id = launch_run(deployment, "build_warehouse")
    assert wait_until(lambda: run_status(deployment, run_id), RUN_SECONDS, "the build", 3) == "SUCCESS"
    # The message models are partitioned: one run over the backfilled days, as a range backfill launches it.
    window = partition_range_tags(date.fromisoformat(backfilled_days[0]), date.fromisoformat(backfilled_days[2]))
    run_id = launch_run(deployment, "build_message_models", window)
    assert wait_until(lambda: run_status(deployment, run_id), RUN_SECONDS, "the message models", 3) == "SUCCESS"
    # Then what summarises all of history, as `build_marts` follows the message models.
    run_id = launch_run(deployment, "build_marts")
    assert wait_until(lambda: run_status(deployment, run_id), RUN_SECONDS, "the marts", 3) == "SUCCESS"
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as connection:
        days = connection.execute(
            "select distinct strftime(conversation_date, '%Y-%m-%d') from marts.mart_conversion_daily"
        ).fetchall()
    assert set(backfilled_days[:3]) <= {day for (day,) in days}


def test_the_asset_graph_is_one_piece_from_the_sources_to_the_marts(deployment: Deployment) -> None:
    components = asset_graph_components(deployment)
    [graph] = [component for component in components if any(key.startswith("marts/") for key in component)]
    every_mart = {node for component in components for node in component if node.startswith("marts/")}
    sources = {"raw/whatsapp_webhook_events", "raw/hubspot_deals", "raw/amocrm_leads", "raw/chatwoot_messages"}
    assert every_mart | sources | {"raw/csv_contacts", "audit_history/evaluations", "backups/raw_backup"} <= graph
    for piece in components:
        if piece is not graph:
            warnings.warn(f"landed but read by no model downstream of staging: {sorted(piece)}", stacklevel=1)


def test_a_screenshot_of_the_asset_graph(deployment: Deployment, folder: Path) -> None:
    """`make graph-screenshot` keeps it in data/; the test looks at size, a person looks at the picture."""
    target = Path(os.environ.get("GRAPH_SCREENSHOT_DIR") or folder) / "asset-graph.png"
    image = screenshot_asset_graph(deployment, target)
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.stat().st_size > 20_000, "the screenshot is (nearly) blank"
