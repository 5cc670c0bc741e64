"""`python -m bench.run_jobs --audits | JOB ...`: jobs of the code location alone, against the built warehouse.

`--audits` runs the check-only jobs the schedules launch (one per audit cadence): the audits' cost without the
build before them. Named jobs run as given, e.g. `publish`: the snapshot export and report alone, which
`orchestration.run` only launches after a whole build. Each runs in this process against the instance in
`DAGSTER_HOME`, as `orchestration.run` runs them.
"""

import argparse
import json
import sys
import time

import dagster as dg

from orchestration.definitions import AUDIT_JOBS, defs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_jobs", description=__doc__)
    parser.add_argument("jobs", nargs="*", help="job names of the code location")
    parser.add_argument("--audits", action="store_true", help="every audit job the schedules launch")
    args = parser.parse_args(argv)
    names = [*args.jobs, *(job.name for job in AUDIT_JOBS.values() if args.audits)]
    if not names:
        parser.error("name a job or pass --audits")
    started = time.perf_counter()
    with dg.DagsterInstance.get() as instance:
        results = [
            defs.resolve_job_def(name).execute_in_process(instance=instance, raise_on_error=False) for name in names
        ]
    print(json.dumps({"jobs": len(results), "seconds_in_process": round(time.perf_counter() - started, 3)}))
    return 0 if all(result.success for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
