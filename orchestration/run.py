"""`python -m orchestration.run`: one run of the whole pipeline through Dagster, then a summary.

It executes the `land_messages` job over the window's partitions, then `build_warehouse`, in this
process against the instance in `DAGSTER_HOME`, so the runs, their materializations and check
results appear in the Dagster UI exactly as if launched there.
"""

import argparse
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import dagster as dg

from orchestration.definitions import defs
from orchestration.run_window import default_window, partition_range_tags
from orchestration.summary import format_summary, read_summary


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--start", type=date.fromisoformat, help="first received day (YYYY-MM-DD)")
    parser.add_argument("--end", type=date.fromisoformat, help="last received day, inclusive")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start, end = default_window(Path(os.environ["LANDING_DIR"]), datetime.now(UTC).date())
    start, end = args.start or start, args.end or end
    print(f"Landing webhook events received {start} … {end}, then building the warehouse", flush=True)
    with dg.DagsterInstance.get() as instance:
        landing = defs.resolve_job_def("land_messages").execute_in_process(
            instance=instance, tags=partition_range_tags(start, end), raise_on_error=False
        )
        results = [landing]
        if landing.success:
            results.append(
                defs.resolve_job_def("build_warehouse").execute_in_process(instance=instance, raise_on_error=False)
            )
    print(format_summary(read_summary(os.environ["WAREHOUSE_PATH"], results)))
    return 0 if all(result.success for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
