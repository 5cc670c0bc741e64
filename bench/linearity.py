"""`python -m bench.linearity [SMALL.json LARGE.json]`: two bench runs' figures side by side, and how each grew.

Cost linear in data (DESIGN §9) means that ten times the messages cost about ten times the seconds of every
figure that reads all of history, not more; fixed costs (start-up, one daily partition) should hardly grow.
Without arguments it compares bench/results/bench-1000000.json with bench-10000000.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.report import GIB

RESULTS = Path(__file__).resolve().parent / "results"


def _median(figure: dict[str, Any] | None) -> float | None:
    return None if figure is None else figure.get("median_seconds")


def _cell(value: float | None) -> str:
    return f"{'-':>9}" if value is None else f"{value:9.1f}"


def _memory(figure: dict[str, Any] | None) -> str:
    return f"{figure['peak_rss_bytes'] / GIB:9.2f}G" if figure and figure["peak_rss_bytes"] else f"{'-':>10}"


def side_by_side(small: dict[str, Any], large: dict[str, Any]) -> str:
    """Median seconds and peak memory per figure at both sizes, with the ratio of the seconds."""
    growth = large["messages"] / small["messages"]
    title = f"{small['messages']:,} → {large['messages']:,} messages ({growth:g} times the data)"
    lines = [
        title,
        f"{'figure':<20} {'small s':>9} {'large s':>9} {'ratio':>7} {'small RSS':>10} {'large RSS':>10}",
        "-" * 70,
    ]
    larger = {figure["name"]: figure for figure in large["figures"]}
    for figure in small["figures"]:
        other = larger.get(figure["name"])
        before, after = _median(figure), _median(other)
        ratio = f"{after / before:7.1f}" if before and after else f"{'-':>7}"
        memory = " ".join(_memory(f) for f in (figure, other))
        lines.append(f"{figure['name']:<20} {_cell(before)} {_cell(after)} {ratio} {memory}")
    return "\n".join(lines)


def counterpart(messages: int) -> tuple[Path, Path] | None:
    """The results of this size and of ten times (or a tenth of) it, smaller first, when both exist."""
    for small, large in ((messages, messages * 10), (messages // 10, messages)):
        paths = (RESULTS / f"bench-{small}.json", RESULTS / f"bench-{large}.json")
        if all(path.exists() for path in paths):
            return paths
    return None


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or [RESULTS / "bench-1000000.json", RESULTS / "bench-10000000.json"]
    missing = [str(path) for path in paths if not path.exists()]
    if len(paths) != 2 or missing:
        print(f"need two results files; missing: {', '.join(missing) or 'an argument'}", file=sys.stderr)
        return 2
    small, large = (json.loads(path.read_text()) for path in paths)
    print(side_by_side(small, large))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
