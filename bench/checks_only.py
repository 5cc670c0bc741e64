"""`python -m bench.checks_only`: every audit check of the code location, against the built warehouse.

It runs the check-only jobs the schedules launch (one per audit cadence), in this process against
the instance in `DAGSTER_HOME`, so the figure is the audits' cost without the build before them.
"""

import json
import sys
import time

import dagster as dg

from orchestration.definitions import AUDIT_JOBS, defs


def main() -> int:
    started = time.perf_counter()
    with dg.DagsterInstance.get() as instance:
        results = [
            defs.resolve_job_def(job.name).execute_in_process(instance=instance, raise_on_error=False)
            for job in AUDIT_JOBS.values()
        ]
    print(json.dumps({"jobs": len(results), "seconds_in_process": round(time.perf_counter() - started, 3)}))
    return 0 if all(result.success for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
