"""`python -m tests.pipeline.partition_runs FIRST LAST`: build a landed warehouse as daily partitions would.

Seeds and the models the message models read first, as the `build_warehouse` job does, then one dbt run of the
windowed message models per day from FIRST to LAST, each with that day's window vars, then the models downstream of
them, as `build_marts` does. One process parses the project once, so thirty runs
cost thirty runs, not thirty dbt start-ups. The warehouse is `WAREHOUSE_PATH`; the target path the third argument.
"""

import sys
from datetime import date, timedelta

from dbt.cli.main import dbtRunner

from orchestration.dbt_builds import Build, selections
from orchestration.dbt_window import dbt_vars_args, window_vars
from tests.conftest import DBT_PROJECT


def invoke(runner: dbtRunner, *args: str) -> None:
    result = runner.invoke([*args, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT), "--quiet"])
    if not result.success:
        raise SystemExit(f"dbt {' '.join(args)} failed: {result.exception}")


def main(first: date, last: date, target_path: str) -> None:
    parsed = dbtRunner().invoke(["parse", "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT)])
    runner = dbtRunner(manifest=parsed.result)
    invoke(runner, "seed", "--target-path", target_path)
    builds = selections(parsed.result.writable_manifest().to_dict())
    invoke(runner, "run", *builds[Build.WAREHOUSE].args(), "--target-path", target_path)
    day = first
    while day <= last:
        invoke(
            runner,
            "run",
            *builds[Build.WINDOWED].args(),
            *dbt_vars_args(window_vars(day, day)),
            "--target-path",
            target_path,
        )
        day += timedelta(days=1)
    invoke(runner, "run", *builds[Build.ROLLUP].args(), "--target-path", target_path)


if __name__ == "__main__":
    main(date.fromisoformat(sys.argv[1]), date.fromisoformat(sys.argv[2]), sys.argv[3])
