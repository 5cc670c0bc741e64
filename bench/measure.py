"""Runs a child command a few times and keeps what it cost: wall seconds and peak memory of its tree.

Memory is the resident set of the child and every process it starts, summed and sampled from
/proc while it runs, so dbt's and DuckDB's own processes count too; `ru_maxrss` would only see the
largest single child. A child may print one JSON object as its last line: its own figures
(events per second, rows), kept with the run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
_SAMPLE_SECONDS = 0.05


@dataclass
class Figure:
    """One measured thing: its repetitions' seconds, the peak memory of any of them, what it printed."""

    name: str
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_rss_bytes: int = 0
    reported: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    @property
    def minimum(self) -> float | None:
        return min(self.seconds) if self.seconds else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu_seconds) if self.cpu_seconds else None

    def reported_median(self, key: str) -> float | None:
        values = [run[key] for run in self.reported if key in run]
        return statistics.median(values) if values else None


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def tree_rss_bytes(root: int) -> int:
    """Resident bytes of `root` and all its descendants, now."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            resident_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += resident_pages * _PAGE_BYTES
        pending += _children(pid)
    return total


def run_once(command: Sequence[str], env: Mapping[str, str], cwd: Path, log: Path) -> tuple[float, float, int, str]:
    """(seconds, CPU seconds, peak tree RSS, last output line) of one run; a failure raises naming the log.

    CPU seconds (user + system of the child and the descendants it waited for, from wait4) are
    printed beside wall seconds because this machine is shared: wall time includes others' work.
    """
    peak, status = 0, None
    with log.open("ab") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=dict(env), cwd=cwd, stdout=subprocess.PIPE, stderr=sink)
        lines: list[bytes] = []
        reader = threading.Thread(target=lambda: lines.extend(child.stdout or []), daemon=True)
        reader.start()
        while status is None:
            peak = max(peak, tree_rss_bytes(child.pid))
            time.sleep(_SAMPLE_SECONDS)
            pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
            status = wait_status if pid else None
        child.returncode = os.waitstatus_to_exitcode(status)
        reader.join()
        seconds = time.perf_counter() - started
        sink.writelines(lines)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}; see {log}")
    last = lines[-1].decode("utf-8", "replace").strip() if lines else ""
    return seconds, usage.ru_utime + usage.ru_stime, peak, last


def measure(
    name: str,
    command: Sequence[str],
    env: Mapping[str, str],
    cwd: Path,
    log: Path,
    repeat: int,
    prepare: Callable[[], None] | None = None,
) -> Figure:
    """Run `command` `repeat` times; `prepare` (untimed) resets what a run consumes, before each."""
    figure = Figure(name)
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        seconds, cpu_seconds, peak, last = run_once(command, env, cwd, log)
        figure.seconds.append(seconds)
        figure.cpu_seconds.append(cpu_seconds)
        figure.peak_rss_bytes = max(figure.peak_rss_bytes, peak)
        if last.startswith("{"):
            figure.reported.append(json.loads(last))
    return figure
