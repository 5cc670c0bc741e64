"""A pipeline run killed with SIGKILL mid-way, then run again, ends exactly as an uninterrupted run does.

The real thing, as `make run` runs it: `python -m orchestration.run` against the local HubSpot, amoCRM and Chatwoot
servers, killed (its whole process group, dbt included) the moment Dagster's event log shows a chosen step started:
while landing webhook files, while dbt builds the warehouse, while publishing. The last re-run must leave the raw
layer with the same rows and no duplicate, the same marts, and a published snapshot.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from demo.run import received_days, serving
from tests.conftest import REPO

# Each kill point: the step whose start triggers the kill, and how long after it the kill lands.
KILL_POINTS = {
    "landing": ("raw__whatsapp_webhook_events", 0.0),
    "dbt build": ("warehouse_dbt_models", 6.0),
    "publish": ("serving__published_marts", 0.0),
}
RUN_SECONDS = 600
WINDOW_DAYS = 14
SALT = "kill-test-salt"
# Columns that say when a row was landed, not what: each run stamps its own.
LANDING_STAMPS = {"extracted_at", "normalised_at", "quarantined_at"}
# Raw tables whose `updated_at` is the pull's time too: lists read whole on every pull (window `full`, versioned by
# the pull, ingestion/full_pull.py) and the cursors' time of setting.
PULL_TIMED = {"chatwoot_agents", "amocrm_pipelines", "hubspot_pipelines", "source_cursors"}
# Marts whose rows name the run that wrote them.
RUN_STAMPED = {"mart_quality_audit"}


@pytest.fixture(scope="module")
def sources(dataset: Path) -> Iterator[dict[str, str]]:
    with serving(dataset) as environment:
        yield environment


def pipeline(sources: dict[str, str], dataset: Path, folder: Path) -> tuple[list[str], dict[str, str]]:
    home = folder / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "deploy" / "dagster.yaml", home / "dagster.yaml")
    # The last fortnight of messages (the CRMs whole): every step runs, in a fraction of a year's time.
    days = received_days(dataset / "landing")[-WINDOW_DAYS:]
    environment = (
        os.environ
        | sources
        | {
            "DAGSTER_HOME": str(home),
            "WAREHOUSE_PATH": str(folder / "warehouse.duckdb"),
            "PUBLISH_DIR": str(folder / "published"),
            "BACKUP_DIR": str(folder / "backups"),
            "PII_HASH_SALT": SALT,
        }
    )
    command = [sys.executable, "-m", "orchestration.run", "--start", days[0], "--end", days[-1]]
    return [*command, "--log-file", str(folder / "pipeline.log")], environment


def steps_with(home: Path, event: str) -> set[str]:
    """Steps of which Dagster's event log (one SQLite file per run) already holds an `event`."""
    steps: set[str] = set()
    for database in (home / "history" / "runs").glob("*.db"):
        try:
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as connection:
                rows = connection.execute(
                    "select step_key from event_logs where dagster_event_type = ?", [event]
                ).fetchall()
        except sqlite3.OperationalError:
            continue  # being created
        steps.update(step for (step,) in rows)
    return steps


def run_to_the_end(command: list[str], environment: dict[str, str]) -> None:
    outcome = subprocess.run(command, env=environment, cwd=REPO, capture_output=True, text=True, timeout=RUN_SECONDS)
    assert outcome.returncode == 0, outcome.stdout[-3000:] + outcome.stderr[-3000:]


def kill_when_started(command: list[str], environment: dict[str, str], step: str, delay: float) -> None:
    """Start the pipeline, SIGKILL its process group once `step` has started (plus `delay`)."""
    process = subprocess.Popen(
        command, env=environment, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    home = Path(environment["DAGSTER_HOME"])
    deadline = time.monotonic() + RUN_SECONDS
    while step not in steps_with(home, "STEP_START"):
        assert process.poll() is None, f"the pipeline ended (code {process.returncode}) before {step} started"
        assert time.monotonic() < deadline, f"{step} never started"
        time.sleep(0.1)
    time.sleep(delay)
    assert process.poll() is None, f"the pipeline ended before the kill during {step}"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert step not in steps_with(home, "STEP_SUCCESS"), f"{step} had finished: the kill was not mid-step"


def tables(connection: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    query = "select table_name from information_schema.tables where table_schema = ? order by 1"
    return [name for (name,) in connection.execute(query, [schema]).fetchall()]


def rows_of(connection: duckdb.DuckDBPyConnection, schema: str, table: str, left_out: set[str]) -> list[str]:
    """A table's rows, sorted, without the columns `left_out`."""
    query = "select column_name from information_schema.columns where table_schema = ? and table_name = ?"
    columns = [name for (name,) in connection.execute(query, [schema, table]).fetchall() if name not in left_out]
    select = ", ".join(f'"{column}"' for column in columns)
    return sorted(map(repr, connection.execute(f'select {select} from {schema}."{table}"').fetchall()))


def left_out(table: str) -> set[str]:
    return LANDING_STAMPS | {"updated_at"} if table in PULL_TIMED else LANDING_STAMPS


def raw_rows(warehouse: Path) -> dict[str, list[str]]:
    """Every raw table's rows, minus the columns that say when they were landed."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return {
            table: rows_of(
                connection, "raw", table, LANDING_STAMPS | ({"updated_at"} if table in PULL_TIMED else set())
            )
            for table in tables(connection, "raw")
        }


def mart_rows(warehouse: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return {
            table: rows_of(connection, "marts", table, set())
            for table in tables(connection, "marts")
            if table not in RUN_STAMPED
        }


@pytest.fixture(scope="module")
def uninterrupted(sources: dict[str, str], dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("uninterrupted")
    run_to_the_end(*pipeline(sources, dataset, folder))
    return folder / "warehouse.duckdb"


@pytest.mark.slow
def test_runs_killed_at_each_step_then_run_again_end_as_an_uninterrupted_one(
    sources: dict[str, str], dataset: Path, uninterrupted: Path, tmp_path: Path
) -> None:
    """Killed while landing; its re-run killed during the dbt build; that one's killed while publishing; then one
    more run. Each re-run starts from what the kill left, so recovery from every point is exercised in turn."""
    command, environment = pipeline(sources, dataset, tmp_path)
    for step, delay in KILL_POINTS.values():
        kill_when_started(command, environment, step, delay)
    run_to_the_end(command, environment)
    warehouse = tmp_path / "warehouse.duckdb"
    raw, expected_raw = raw_rows(warehouse), raw_rows(uninterrupted)
    assert raw.keys() == expected_raw.keys()
    for table, rows in raw.items():
        assert len(rows) == len(expected_raw[table]), f"raw.{table}: {len(rows)} rows, not {len(expected_raw[table])}"
        assert rows == expected_raw[table], f"raw.{table} differs from the uninterrupted run's"
    assert mart_rows(warehouse) == mart_rows(uninterrupted)
    assert (tmp_path / "published" / "current" / "manifest.json").exists()
