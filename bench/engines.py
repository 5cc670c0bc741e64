"""`python -m bench.engines` (`make bench-engines`): what the same dbt models cost on Spark against DuckDB.

It generates the demo business at a small size, lands it through the real pipeline (`python -m orchestration.run`,
which also writes the raw layer's Parquet backup), then times a full rebuild of the seeds and models from that one
raw layer on each dbt target: DuckDB in the warehouse file, Spark (session mode, local) over the backup's Parquet
files. Data tests are left out on both sides: they cost the same queries again. The figure answers DESIGN §10's
"when to switch": below one machine's size, Spark's start-up and per-statement overhead is pure cost.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from bench.__main__ import DEMO_SALT, ROOT, dbt_command
from bench.measure import Figure, measure
from bench.report import table, write
from demo.config import MESSAGES_AT_SCALE_1
from demo.run import received_days, serving
from quality.raw_backup import latest_backup

# dbt-spark lives in its own environment (deploy/spark/pyproject.toml says why), made by `make install`.
SPARK_DBT = str(ROOT / "deploy" / "spark" / ".venv" / "bin" / "dbt")
# Seeds and models, rebuilt from nothing: the same work on both engines.
REBUILD = ("build", "--resource-type", "seed", "--resource-type", "model", "--full-refresh")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.engines", description=__doc__)
    parser.add_argument("--messages", type=int, default=20_000, help="WhatsApp messages over 12 months")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (min and median shown)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "bench-engines")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data, python = args.data_dir.resolve(), sys.executable
    shutil.rmtree(data, ignore_errors=True)
    (data / "dagster_home").mkdir(parents=True)
    shutil.copy(ROOT / "deploy" / "dagster.yaml", data / "dagster_home" / "dagster.yaml")
    log = data / "bench.log"
    print(f"bench engines: {args.messages:,} messages, {args.repeat} run(s) per figure; output in {log}", flush=True)
    env = os.environ | {
        "PII_HASH_SALT": DEMO_SALT,
        "GX_ANALYTICS_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
        "WAREHOUSE_PATH": str(data / "warehouse.duckdb"),
        "DAGSTER_HOME": str(data / "dagster_home"),
        "BACKUP_DIR": str(data / "backups"),
        "PUBLISH_DIR": str(data / "published"),
    }

    def timed(name: str, command: list[str], repeat: int = args.repeat, cwd: Path = ROOT) -> Figure:
        figure = measure(name, command, env, cwd, log, repeat)
        print(f"  {name}: median {figure.median:.1f}s", flush=True)
        return figure

    demo = data / "demo"
    scale = args.messages / MESSAGES_AT_SCALE_1
    timed("generate", [python, "-m", "demo", "generate", "--out", str(demo), "--scale", f"{scale}"], 1)
    days = received_days(demo / "landing")
    with serving(demo) as sources:
        env |= sources
        timed("land_and_build", [python, "-m", "orchestration.run", "--start", days[0], "--end", days[-1]], 1)
    backup = latest_backup(data / "backups")
    if backup is None:
        raise SystemExit(f"the pipeline wrote no raw backup under {data / 'backups'}")

    spark_dir = data / "spark"
    spark_dir.mkdir()
    env |= {"RAW_PARQUET_DIR": str(backup), "SPARK_WAREHOUSE_DIR": str(spark_dir)}
    figures = [
        timed("dbt_duckdb", dbt_command(*REBUILD, "--target-path", str(data / "target_duckdb"))),
        timed(
            "dbt_spark",
            dbt_command(*REBUILD, "--target", "spark", "--target-path", str(data / "target_spark"), dbt=SPARK_DBT),
            cwd=spark_dir,
        ),
    ]
    duckdb_seconds, spark_seconds = figures[0].median, figures[1].median
    ratios = {"dbt_spark / dbt_duckdb": round(spark_seconds / duckdb_seconds, 2)}
    print(table(figures, ratios))
    result = ROOT / "bench" / "results" / f"engines-{args.messages}.json"
    write(result, args.messages, args.repeat, figures, ratios)
    print(f"written to {result.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
