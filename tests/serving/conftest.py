"""A private copy of the built warehouse per test, so publishing and check writes never leak between tests."""

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def warehouse_copy(built_warehouse: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built_warehouse, copy)
    return copy


@pytest.fixture
def publish_dir(tmp_path: Path) -> Path:
    return tmp_path / "published"
