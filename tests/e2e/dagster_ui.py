"""A real Dagster deployment for tests: `dagster-webserver` and `dagster-daemon` on a temporary instance.

The instance is deploy/dagster.yaml copied into a fresh DAGSTER_HOME; the webserver listens on a
free loopback port; GraphQL is spoken over HTTP exactly as the UI speaks it. Both processes run in
their own process groups and are stopped by id when the context exits.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.conftest import REPO

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 240


@dataclass(frozen=True)
class Deployment:
    url: str
    home: Path

    def graphql(self, document: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
        response = requests.post(
            f"{self.url}/graphql", json={"query": document, "variables": dict(variables or {})}, timeout=120
        )
        response.raise_for_status()
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Any, seconds: float, what: str, every: float = 1.0) -> Any:
    """Poll `condition` until it returns something truthy; fail the test naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds:.0f}s waiting for {what}")


LOCATIONS = """
{ workspaceOrError { ... on Workspace { locationEntries { loadStatus locationOrLoadError { __typename } } } } }
"""


def _location_loaded(url: str) -> bool:
    try:
        body = requests.post(f"{url}/graphql", json={"query": LOCATIONS}, timeout=10).json()
    except requests.RequestException:
        return False
    entries = body.get("data", {}).get("workspaceOrError", {}).get("locationEntries") or []
    for entry in entries:
        assert entry["locationOrLoadError"]["__typename"] != "PythonError", "the code location failed to load"
    return bool(entries) and all(entry["loadStatus"] == "LOADED" for entry in entries)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def dagster_deployment(folder: Path, env: Mapping[str, str], daemon: bool = True) -> Iterator[Deployment]:
    """Start the webserver (and the daemon, which launches queued runs and backfills) over `folder`.

    `env` is the processes' whole environment (DAGSTER_HOME is added), so nothing leaks in unasked.
    """
    home = folder / "dagster_home"
    home.mkdir(parents=True)
    shutil.copy(REPO / "deploy" / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    environment = {**env, "DAGSTER_HOME": str(home)}
    commands = [[str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)]]
    if daemon:
        commands.append([str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"])
    processes: list[subprocess.Popen] = []
    try:
        for index, command in enumerate(commands):
            log = (folder / f"process-{index}.log").open("w")
            processes.append(
                subprocess.Popen(
                    command, cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            )
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: _location_loaded(url), STARTUP_SECONDS, "the webserver to load the code location", 2)
        yield Deployment(url=url, home=home)
    finally:
        for process in processes:
            _stop(process)
