"""`python -m orchestration.run`: one run of the whole pipeline through Dagster, then a summary.

It executes the `land_messages` job over the window's partitions, then `build_warehouse`, then
`build_message_models` over the same partitions, then `build_marts`, then `publish` (one run each:
orchestration/jobs.py says why), each only when the one before succeeded, so a failed build or blocking audit
leaves the last snapshot published; in this process against the instance in `DAGSTER_HOME`, so the runs, their
materializations and check results appear in the Dagster UI exactly as if launched there. With `--log-file`, the
runs' own output (Dagster's event log, dbt's lines) goes to that file and the terminal shows progress only.
"""

import argparse
import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime
from pathlib import Path

import dagster as dg

from orchestration.abandoned_runs import runner_tags, settle_abandoned_runs
from orchestration.run_window import default_window, partition_range_tags
from orchestration.summary import format_summary, read_summary


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--start", type=date.fromisoformat, help="first received day (YYYY-MM-DD)")
    parser.add_argument("--end", type=date.fromisoformat, help="last received day, inclusive")
    parser.add_argument("--log-file", type=Path, help="write the runs' full output here instead of the terminal")
    return parser.parse_args(argv)


@contextmanager
def output_to(log_file: Path | None) -> Iterator[None]:
    if log_file is None:
        yield
        return
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("a", encoding="utf-8") as log, redirect_stdout(log), redirect_stderr(log):
        yield


def run_job(
    name: str, instance: dg.DagsterInstance, log_file: Path | None, tags: Mapping[str, str] | None = None
) -> dg.ExecuteInProcessResult:
    """Execute one job of the code location, reporting its outcome and duration on the terminal."""
    started = time.perf_counter()
    terminal = sys.stdout
    with output_to(log_file):
        # Imported here so that loading the definitions is logged with the run, not on the terminal.
        from orchestration.definitions import defs

        result = defs.resolve_job_def(name).execute_in_process(
            instance=instance, raise_on_error=False, tags={**runner_tags(), **(tags or {})}
        )
    outcome = "succeeded" if result.success else "FAILED"
    print(f"  {name}: {outcome} in {time.perf_counter() - started:.0f}s (run {result.run_id})", file=terminal)
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start, end = default_window(Path(os.environ["LANDING_DIR"]), datetime.now(UTC).date())
    start, end = args.start or start, args.end or end
    print(f"Landing webhook events received {start} … {end}, then building the warehouse", flush=True)
    with dg.DagsterInstance.get() as instance:
        for run_id in settle_abandoned_runs(instance):
            print(f"  run {run_id} was left unfinished by a process that is gone: marked failed", flush=True)
        window = partition_range_tags(start, end)
        results = [run_job("land_messages", instance, args.log_file, tags=window)]
        if results[-1].success:
            results.append(run_job("build_warehouse", instance, args.log_file))
        if results[-1].success:
            results.append(run_job("build_message_models", instance, args.log_file, tags=window))
        if results[-1].success:
            results.append(run_job("build_marts", instance, args.log_file))
        if results[-1].success:
            results.append(run_job("publish", instance, args.log_file))
    print(format_summary(read_summary(os.environ["WAREHOUSE_PATH"], results)))
    if args.log_file is not None:
        print(f"  full run log         {args.log_file}")
    return 0 if all(result.success for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
