"""Copy the tables dbt built on Spark to Parquet, one folder per table, so DuckDB can read them beside its own.

Run as a child process with the Spark environment's Python (`deploy/spark/.venv/bin/python -m
tests.scale_out.spark_export <spark_dir> <out_dir> <schema>...`): it opens the same embedded metastore dbt's Spark
session wrote, which only one JVM may hold at a time, and pyspark lives only in that environment.
"""

import sys
from pathlib import Path

from pyspark.sql import SparkSession


def spark_session(spark_dir: Path) -> SparkSession:
    """A session on the catalogue and tables of `spark_dir`, set up as the dbt profile's `spark` target sets them."""
    return (
        SparkSession.builder.appName("spark-export")
        .config("spark.sql.warehouse.dir", str(spark_dir))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir}/metastore_db;create=true",
        )
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .enableHiveSupport()
        .getOrCreate()
    )


def export(spark_dir: Path, out_dir: Path, schemas: list[str]) -> None:
    session = spark_session(spark_dir)
    try:
        for schema in schemas:
            for table in session.catalog.listTables(schema):
                frame = session.table(f"{schema}.{table.name}")
                frame.coalesce(1).write.mode("overwrite").parquet(str(out_dir / schema / table.name))
    finally:
        session.stop()


if __name__ == "__main__":
    export(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
