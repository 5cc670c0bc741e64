"""The benchmark's hand-written floor builds the same marts as the pipeline, on the small generated business."""

import shutil
from pathlib import Path

import duckdb

from bench.floor import SCHEMA, build
from bench.verify import compare


def test_every_mart_the_floor_builds_equals_the_pipelines(built_warehouse: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as connection:
        build(connection)
        marts = {
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables where table_schema = ? and table_name like 'mart%'",
                [SCHEMA],
            ).fetchall()
        }

    verdicts = {verdict.mart: verdict for verdict in compare(built_warehouse, warehouse, SCHEMA)}
    assert marts, "the floor builds no mart"
    assert marts <= set(verdicts), "the floor builds a mart the pipeline does not have"
    differing = {
        name: (verdicts[name].pipeline, verdicts[name].floor) for name in marts if verdicts[name].status != "equal"
    }
    assert differing == {}, "pipeline and floor totals differ"
    assert all(verdicts[name].pipeline[0] > 0 for name in marts), "a mart is empty on the generated business"
