"""A full refresh equals the sum of daily partition runs: every table dbt builds, every row, every column."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from demo.config import GenerationConfig
from demo.generate import generate
from tests.conftest import REPO, dbt_command
from tests.pipeline.conftest import land_everything

SCHEMAS = ("intermediate", "marts", "audit")


def tables(warehouse: Path) -> dict[str, pd.DataFrame]:
    """Every table of the built schemas, rows in a canonical order so two builds compare row by row."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        names = connection.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema in ? order by 1",
            [list(SCHEMAS)],
        ).fetchall()
        frames = {}
        for (name,) in names:
            frame = connection.execute(f"select * from {name}").df()
            frames[name] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return frames


@pytest.mark.slow
def test_daily_partition_runs_build_what_a_full_refresh_builds(tmp_path: Path) -> None:
    dataset = tmp_path / "data"
    generate(GenerationConfig(seed=5, scale=0.02, months=1), dataset)
    landed = tmp_path / "landed.duckdb"
    land_everything(dataset, landed)
    full, daily = tmp_path / "full.duckdb", tmp_path / "daily.duckdb"
    shutil.copy(landed, full)
    shutil.copy(landed, daily)

    dbt_command("build", warehouse=full, target_path=tmp_path / "full_target")
    with duckdb.connect(str(full), read_only=True) as connection:
        first, last = connection.execute(
            "select min(sent_date), max(sent_date) from intermediate.int_messages_resolved"
        ).fetchone()
    assert (last - first).days >= 20, "the generated month should span weeks of partitions"
    subprocess.run(
        [sys.executable, "-m", "tests.pipeline.partition_runs", str(first), str(last), str(tmp_path / "daily_target")],
        cwd=REPO,
        env=os.environ | {"WAREHOUSE_PATH": str(daily)},
        check=True,
    )

    expected, actual = tables(full), tables(daily)
    assert sorted(actual) == sorted(expected)
    assert all(len(frame) for name, frame in expected.items() if name.startswith("marts.mart_engagement")), expected
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(actual[name], frame, check_exact=False, rtol=1e-9, obj=name)
