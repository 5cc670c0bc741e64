"""Runs this machine's `orchestration.run` started in a process that is gone: marked failed, their pool slots freed.

`orchestration.run` executes its runs in its own process. Killed mid-step (SIGKILL, a reboot, the OOM killer), it
leaves its run STARTED and the `warehouse` pool slot of the running step claimed, and the next run would wait for
that slot for ever. A deployment's daemon finds such runs through its run workers (run monitoring, see
deploy/dagster.yaml); here nothing else would, so each `orchestration.run` starts by settling them: a run tagged with
this host and a process id that no longer exists is reported failed and its slots freed.
"""

import os
import socket

import dagster as dg

PID_TAG = "wa_crm_analytics/pid"
HOST_TAG = "wa_crm_analytics/host"
UNFINISHED = [dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]


def runner_tags() -> dict[str, str]:
    """The tags naming the process that executes a run, so a later process can tell whether it is still alive."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def settle_abandoned_runs(instance: dg.DagsterInstance) -> list[str]:
    """Fail this host's unfinished runs whose process is gone and free their pool slots; return their ids."""
    settled = []
    host = socket.gethostname()
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=UNFINISHED, tags={HOST_TAG: host})):
        pid = run.tags.get(PID_TAG, "")
        if pid.isdigit() and int(pid) != os.getpid() and not is_alive(int(pid)):
            instance.report_run_failed(run, f"The process that ran it (pid {pid}) ended before the run did.")
            settled.append(run.run_id)
    if instance.event_log_storage.supports_global_concurrency_limits:
        for run_id in settled:
            instance.event_log_storage.free_concurrency_slots_for_run(run_id)
    return settled
