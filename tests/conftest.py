"""Shared test fixtures: a fresh warehouse per test, the environment the pipeline reads."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingestion.raw_store import RawStore

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def raw_store(warehouse_path: Path) -> Iterator[RawStore]:
    with RawStore.open(warehouse_path) as store:
        yield store
