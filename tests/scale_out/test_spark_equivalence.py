"""The same dbt models on Spark (DESIGN §10): built from the same raw data, every mart equals DuckDB's."""

import subprocess
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from quality.raw_backup import back_up_raw
from tests.conftest import REPO, SPARK_BIN, dbt_command
from tests.scale_out.table_equality import assert_same_table

# What a BI user reads (marts) and what the audits judge (audit); staging and intermediate are means to those.
COMPARED_SCHEMAS = ("marts", "audit")
# A view over the audit trail the Dagster checks write: empty after a plain dbt build on either engine.
NOT_BUILT_BY_DBT = {"mart_quality_audit"}


def build_on_spark(raw_parquet: Path, spark_dir: Path) -> None:
    """Seeds and models on `--target spark`, reading the raw layer from Parquet as a Spark deployment would.

    Data tests are not run again on Spark: the comparison below checks every mart's every value instead.
    """
    dbt_command(
        *("build", "--target", "spark", "--resource-type", "seed", "--resource-type", "model"),
        warehouse=spark_dir / "unused.duckdb",
        target_path=spark_dir / "target",
        env={"RAW_PARQUET_DIR": str(raw_parquet), "SPARK_WAREHOUSE_DIR": str(spark_dir)},
        cwd=spark_dir,
        dbt=str(SPARK_BIN / "dbt"),
    )


def export_from_spark(spark_dir: Path, out_dir: Path) -> None:
    subprocess.run(
        [SPARK_BIN / "python", "-m", "tests.scale_out.spark_export", str(spark_dir), str(out_dir), *COMPARED_SCHEMAS],
        cwd=REPO,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
def test_every_mart_built_on_spark_equals_the_one_built_on_duckdb(built_warehouse: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as duck:
        raw_parquet = back_up_raw(duck, tmp_path / "raw", datetime(2026, 11, 2))
        spark_dir = tmp_path / "spark"
        spark_dir.mkdir()
        build_on_spark(raw_parquet, spark_dir)
        export_from_spark(spark_dir, tmp_path / "exported")

        compared = []
        for schema in COMPARED_SCHEMAS:
            tables = duck.execute(
                "select table_name from information_schema.tables where table_schema = ? order by table_name",
                [schema],
            ).fetchall()
            for (table,) in tables:
                if table in NOT_BUILT_BY_DBT:
                    continue
                expected = duck.execute(f"select * from {schema}.{table}").df()
                files = tmp_path / "exported" / schema / table / "*.parquet"
                actual = duck.execute("select * from read_parquet(?)", [str(files)]).df()
                assert_same_table(f"{schema}.{table}", expected, actual)
                compared.append(f"{schema}.{table}")
    assert len(compared) >= 20, compared
