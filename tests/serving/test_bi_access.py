"""BI access as Superset and Metabase do it: SQLAlchemy + duckdb-engine, read-only, while the pipeline publishes.

The publish runs as its own process through the Dagster CLI (as a schedule's run would), while this
process holds a read-only connection on the published file and keeps querying every mart.
"""

import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import sqlalchemy as sa

from serving.publish import publish
from tests.conftest import REPO

DAGSTER = str(Path(sys.executable).with_name("dagster"))


def read_only_engine(database: Path) -> sa.Engine:
    """The engine a BI tool builds from `duckdb:///<path>` with `{"read_only": true}`."""
    return sa.create_engine(f"duckdb:///{database}", connect_args={"read_only": True})


def row_counts(connection: sa.Connection, marts: list[str]) -> dict[str, int]:
    return {mart: connection.execute(sa.text(f"select count(*) from marts.{mart}")).scalar_one() for mart in marts}


def publish_in_another_process(warehouse: Path, publish_dir: Path, dagster_home: Path) -> subprocess.Popen:
    dagster_home.mkdir(exist_ok=True)
    environment = os.environ | {
        "WAREHOUSE_PATH": str(warehouse),
        "PUBLISH_DIR": str(publish_dir),
        "PUBLISH_KEEP_SNAPSHOTS": "2",
        "DAGSTER_HOME": str(dagster_home),
        "LANDING_DIR": str(dagster_home / "landing"),
        "BACKUP_DIR": str(dagster_home / "backups"),
        "PII_HASH_SALT": "test-salt",
    }
    command = [
        DAGSTER,
        "asset",
        "materialize",
        "-m",
        "orchestration.definitions",
        "--select",
        "serving/published_marts",
    ]
    return subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_a_read_only_reader_keeps_its_snapshot_while_the_pipeline_publishes_again(
    warehouse_copy: Path, publish_dir: Path, tmp_path: Path
) -> None:
    first = publish(str(warehouse_copy), publish_dir, 2, datetime.now(UTC), "first-run")
    marts = sorted(first.snapshot.tables)
    engine = read_only_engine(first.published_database)
    with engine.connect() as reader:
        assert row_counts(reader, marts) == first.snapshot.tables
        # The next build changes the data; the reader must go on seeing the snapshot it opened, whole.
        with duckdb.connect(str(warehouse_copy)) as warehouse:
            warehouse.execute("delete from marts.mart_conversion_daily where started_by = 'business'")
            warehouse.execute("delete from marts.mart_engagement_campaign where sent < 3")
        child = publish_in_another_process(warehouse_copy, publish_dir, tmp_path / "dagster_home")
        reads = 0
        while child.poll() is None or reads == 0:
            assert row_counts(reader, marts) == first.snapshot.tables
            reads += 1
            time.sleep(0.2)  # a dashboard's pace, leaving the shared cores to the publishing run
        output = child.stdout.read().decode() if child.stdout else ""
        assert child.returncode == 0, output[-3000:]
        assert reads > 1
        print(f"reader queried every mart {reads} times while the publish ran")
        assert row_counts(reader, marts) == first.snapshot.tables
    engine.dispose()

    fresh = read_only_engine(first.published_database)  # the same path BI tools are given
    with fresh.connect() as reader:
        second = row_counts(reader, marts)
    fresh.dispose()
    assert second["mart_conversion_daily"] < first.snapshot.tables["mart_conversion_daily"]
    assert second["mart_engagement_campaign"] < first.snapshot.tables["mart_engagement_campaign"]
    assert {k: v for k, v in second.items() if k not in ("mart_conversion_daily", "mart_engagement_campaign")} == {
        k: v for k, v in first.snapshot.tables.items() if k not in ("mart_conversion_daily", "mart_engagement_campaign")
    }
    assert first.snapshot.path.exists()  # within PUBLISH_KEEP_SNAPSHOTS=2: the previous one stays


def readme_examples() -> list[str]:
    """The SQL the README offers BI users, one statement per mart."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("One question per mart")[1].split("```sql")[1].split("```")[0]
    return [statement.strip() for statement in block.split(";") if statement.strip()]


def test_the_readme_has_a_working_example_for_every_mart(warehouse_copy: Path, publish_dir: Path) -> None:
    publication = publish(str(warehouse_copy), publish_dir, 2, datetime.now(UTC), "readme")
    engine = read_only_engine(publication.published_database)
    with engine.connect() as reader:
        for statement in readme_examples():
            reader.execute(sa.text(statement)).fetchall()
    engine.dispose()
    named = {mart for statement in readme_examples() for mart in re.findall(r"marts\.(\w+)", statement)}
    assert named == set(publication.snapshot.tables)
