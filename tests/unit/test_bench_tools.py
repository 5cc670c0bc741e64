"""The benchmark's own instruments: memory of a process tree, the floor's model order, CPU time."""

import sys
from pathlib import Path

from bench.floor_compiled import models_in_order
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
