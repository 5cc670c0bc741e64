"""The benchmark's table on the terminal and the same figures as JSON, so runs can be compared."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.measure import Figure

GIB = 1024**3


def _seconds(value: float | None) -> str:
    return f"{'-':>8}" if value is None else f"{value:8.1f}"


def _rate(figure: Figure) -> str:
    per_second = figure.reported_median("per_second")
    per_cpu = figure.reported_median("per_cpu_second")
    if per_second is None:
        return ""
    return f"{per_second:,.0f}/s" + ("" if per_cpu is None else f" ({per_cpu:,.0f}/cpu-s)")


def table(figures: list[Figure], ratios: dict[str, float | None]) -> str:
    lines = [
        f"{'figure':<20} {'runs':>4} {'min s':>8} {'median s':>8} {'cpu s':>8} {'peak RSS':>9}  records/s, note",
        "-" * 96,
    ]
    for figure in figures:
        memory = f"{figure.peak_rss_bytes / GIB:7.2f}G" if figure.peak_rss_bytes else "-"
        detail = " ".join(part for part in (_rate(figure), figure.note) if part)
        lines.append(
            f"{figure.name:<20} {len(figure.seconds):>4} {_seconds(figure.minimum)} "
            f"{_seconds(figure.median)} {_seconds(figure.cpu_median)} {memory:>9}  {detail}"
        )
    lines.append("-" * 96)
    width = max((len(name) for name in ratios), default=0)
    lines += [f"{name:<{width}} {'-' if value is None else f'{value:.2f}'}" for name, value in ratios.items()]
    return "\n".join(lines)


def as_json(figure: Figure) -> dict[str, Any]:
    return {
        "name": figure.name,
        "seconds": [round(s, 3) for s in figure.seconds],
        "min_seconds": figure.minimum,
        "median_seconds": figure.median,
        "cpu_seconds": [round(s, 3) for s in figure.cpu_seconds],
        "peak_rss_bytes": figure.peak_rss_bytes,
        "reported": figure.reported,
        "note": figure.note,
    }


def write(path: Path, messages: int, repeat: int, figures: list[Figure], ratios: dict[str, float | None]) -> None:
    """The run's figures as JSON, headed by when, at which commit, at what size and on how many CPUs."""
    header = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "messages": messages,
        "repeat": repeat,
        "cpus": os.cpu_count(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    document = header | {"figures": [as_json(f) for f in figures], "ratios": ratios}
    path.write_text(json.dumps(document, indent=2, default=str) + "\n")


def _commit() -> str:
    repository = Path(__file__).resolve().parent.parent
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=repository, capture_output=True, text=True
    ).stdout.strip()
