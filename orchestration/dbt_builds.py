"""The project's three dbt builds, as dbt selections computed from the manifest.

A whole run builds the project in three steps (orchestration/assets/dbt_models.py):

- `WAREHOUSE`: seeds, staging, CRM and contact-key models: everything the windowed message models read, built whole;
- `WINDOWED`: the message-level models (incremental strategy `window_replace`), partitioned by day: each replaces
  exactly its window, so a daily run's cost grows with the day, not with history;
- `ROLLUP`: everything downstream of them (conversations, marts, weekly and monthly audits), which summarises all of
  history and is rebuilt whole. A daily key on a table rebuilt whole would only multiply Dagster's bookkeeping.

Each dbt test runs in the build of the latest model it reads, so it never judges a table that build has not yet
rebuilt, and it is a Dagster check of that build's assets. dbt's own indirect selection cannot say this (eager runs a
test with its first parent; dagster-dbt evaluates selectors eagerly), so each build names its models and excludes,
by name, the tests of its models that belong to a later build.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

WINDOW_STRATEGY = "window_replace"
# What every build runs. Unit tests prove the SQL on fixed inputs, not the data: CI runs them (tests/conftest.py
# builds the project whole), and a scheduled build would only repeat them.
BUILD_COMMAND = ("build", "--exclude-resource-type", "unit_test")
BUILT_TYPES = ("model", "seed", "snapshot")


class Build(IntEnum):
    """The builds in the order a whole run executes them."""

    WAREHOUSE = 0
    WINDOWED = 1
    ROLLUP = 2


@dataclass(frozen=True)
class Selection:
    """`--select` / `--exclude` of one build (space-separated dbt selectors; `exclude` may be empty)."""

    select: str
    exclude: str

    def args(self) -> list[str]:
        return ["--select", self.select, *(["--exclude", self.exclude] if self.exclude else [])]


def builds_of_nodes(manifest: Mapping[str, Any]) -> dict[str, Build]:
    """Each source, model, seed and snapshot's build: the windowed models, what is downstream of them, the rest."""
    nodes = manifest["nodes"]
    built = {key for key, node in nodes.items() if node["resource_type"] in BUILT_TYPES}
    windowed = {key for key in built if nodes[key]["config"].get("incremental_strategy") == WINDOW_STRATEGY}
    downstream: set[str] = set()
    pending = list(windowed)
    while pending:
        for child in manifest["child_map"].get(pending.pop(), []):
            if child in built and child not in downstream:
                downstream.add(child)
                pending.append(child)
    # Sources count as the first build's: selecting them selects their tests, which guard the raw tables.
    return {
        key: Build.WINDOWED if key in windowed else Build.ROLLUP if key in downstream - windowed else Build.WAREHOUSE
        for key in [*built, *manifest["sources"]]
    }


def build_of_test(manifest: Mapping[str, Any], builds: Mapping[str, Build], test_id: str) -> Build:
    """A test runs in the build of the latest model it reads."""
    return max((builds[parent] for parent in manifest["parent_map"].get(test_id, []) if parent in builds), default=0)


def _selector(manifest: Mapping[str, Any], unique_id: str) -> str:
    if unique_id in manifest["sources"]:
        source = manifest["sources"][unique_id]
        return f"source:{source['source_name']}.{source['name']}"
    return "fqn:" + ".".join(manifest["nodes"][unique_id]["fqn"])


def _selectors(manifest: Mapping[str, Any], unique_ids: Iterable[str]) -> str:
    return " ".join(sorted(_selector(manifest, key) for key in unique_ids))


def selections(manifest: Mapping[str, Any]) -> dict[Build, Selection]:
    """Each build's selection: its models by name, minus the tests of them that wait for a later build."""
    builds = builds_of_nodes(manifest)
    tests = [key for key, node in manifest["nodes"].items() if node["resource_type"] == "test"]
    result: dict[Build, Selection] = {}
    for build in Build:
        members = [key for key, owner in builds.items() if owner is build]
        later = [
            test
            for test in tests
            if build_of_test(manifest, builds, test) > build
            and any(builds.get(parent) is build for parent in manifest["parent_map"].get(test, []))
        ]
        result[build] = Selection(select=_selectors(manifest, members), exclude=_selectors(manifest, later))
    return result


def selections_of(manifest_path: Path) -> dict[Build, Selection]:
    """The builds' selections from a manifest.json file."""
    return selections(json.loads(manifest_path.read_text(encoding="utf-8")))
