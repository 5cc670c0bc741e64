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

# What makes a day depend on its neighbours, so the comparison can fail when a model's look-back is wrong: campaign
# sends replied to after midnight (mart_engagement_campaign), sends in a service window opened the day before
# (int_messages_priced).
CROSS_MIDNIGHT_SQL = """
    select
        count(distinct case when later.direction = 'inbound' and send.campaign_name is not null
            and later.sent_at <= send.sent_at + interval 24 hour then send.message_id end),
        count(distinct case when earlier.direction = 'inbound' and send.direction = 'outbound'
            and send.sent_at <= earlier.sent_at + interval 24 hour then send.message_id end)
    from intermediate.int_messages_resolved as send
    left join intermediate.int_messages_resolved as later
        on later.contact_key = send.contact_key and later.sent_date > send.sent_date and later.sent_at > send.sent_at
    left join intermediate.int_messages_resolved as earlier
        on earlier.contact_key = send.contact_key and earlier.sent_date < send.sent_date
"""


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
    generate(GenerationConfig(seed=5, scale=0.08, months=1), dataset)
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
        replied_next_day, served_from_day_before = connection.execute(CROSS_MIDNIGHT_SQL).fetchone()
    assert (last - first).days >= 20, "the generated month should span weeks of partitions"
    assert replied_next_day > 0 and served_from_day_before > 0, "the data should cross midnight"
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
