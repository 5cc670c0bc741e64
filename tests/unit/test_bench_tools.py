"""The benchmark's own instruments: memory of a process tree, the floor's model order, CPU time."""

import sys
from pathlib import Path

import pytest

from bench import linearity
from bench.floor_compiled import models_in_order
from bench.linearity import side_by_side
from bench.measure import measure

ALLOCATE_IN_GRANDCHILD = (
    "import subprocess, sys; subprocess.run([sys.executable, '-c', "
    "'import time; block = bytearray(300 * 2**20); time.sleep(1)'], check=True)"
)


def test_peak_memory_counts_the_processes_a_child_starts(tmp_path: Path) -> None:
    figure = measure("tree", [sys.executable, "-c", ALLOCATE_IN_GRANDCHILD], {}, tmp_path, tmp_path / "log", 1)
    assert figure.peak_rss_bytes > 300 * 2**20
    assert len(figure.seconds) == len(figure.cpu_seconds) == 1


def test_a_child_reports_its_figures_on_its_last_line(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "print('working'); print('{\"per_second\": 5}')"]
    figure = measure("rate", command, {}, tmp_path, tmp_path / "log", 2)
    assert figure.reported == [{"per_second": 5}, {"per_second": 5}]
    assert figure.reported_median("per_second") == 5


def test_floor_builds_each_model_after_the_models_it_reads() -> None:
    def model(name: str, *parents: str) -> dict:
        return {"resource_type": "model", "depends_on": {"nodes": [f"model.p.{p}" for p in parents]}, "name": name}

    nodes = {
        "model.p.mart": model("mart", "int", "stg"),
        "model.p.int": model("int", "stg"),
        "model.p.stg": model("stg"),
        "seed.p.prices": {"resource_type": "seed"},
    }
    assert [m["name"] for m in models_in_order({"nodes": nodes})] == ["stg", "int", "mart"]


def _result(messages: int, figures: dict[str, tuple[float | None, int]]) -> dict:
    rows = [{"name": name, "median_seconds": s, "peak_rss_bytes": peak} for name, (s, peak) in figures.items()]
    return {"messages": messages, "figures": rows}


def test_linearity_prints_each_figure_at_both_sizes_with_its_growth() -> None:
    small = _result(1_000_000, {"floor": (10.0, 2**30), "publish": (None, 0)})
    large = _result(10_000_000, {"floor": (95.0, 3 * 2**30)})
    lines = side_by_side(small, large).splitlines()
    assert lines[0] == "1,000,000 → 10,000,000 messages (10 times the data)"
    assert lines[3].split() == ["floor", "10.0", "95.0", "9.5", "1.00G", "3.00G"]
    assert lines[4].split() == ["publish", "-", "-", "-", "-", "-"]  # not measured at either size


def test_linearity_pairs_a_run_with_one_of_ten_times_or_a_tenth_of_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linearity, "RESULTS", tmp_path)
    assert linearity.counterpart(1_000_000) is None
    (tmp_path / "bench-1000000.json").write_text("{}")
    (tmp_path / "bench-10000000.json").write_text("{}")
    expected = (tmp_path / "bench-1000000.json", tmp_path / "bench-10000000.json")
    assert linearity.counterpart(1_000_000) == linearity.counterpart(10_000_000) == expected
