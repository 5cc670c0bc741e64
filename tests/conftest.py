"""Shared test fixtures: a fresh warehouse per test, one generated business, a dbt manifest."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.config import GenerationConfig
from demo.generate import generate
from ingestion.raw_store import RawStore
from tests.pipeline.conftest import land_everything

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parent.parent
DBT_PROJECT = REPO / "dbt_project"
DBT = str(Path(sys.executable).with_name("dbt"))
# The Spark target's own environment (deploy/spark/pyproject.toml says why it is apart), made by `make install`.
SPARK_BIN = REPO / "deploy" / "spark" / ".venv" / "bin"


def dbt_command(
    *args: str,
    warehouse: Path,
    target_path: Path | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    dbt: str = DBT,
) -> subprocess.CompletedProcess:
    """Run the project's dbt against `warehouse`, failing the test with dbt's own output."""
    command = [dbt, *args, "--profiles-dir", str(DBT_PROJECT), "--project-dir", str(DBT_PROJECT)]
    if target_path is not None:
        command += ["--target-path", str(target_path)]
    env = os.environ | {"WAREHOUSE_PATH": str(warehouse)} | (env or {})
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    return result


def pytest_sessionstart(session: pytest.Session) -> None:
    """Parse the dbt project once, so the Dagster definitions can load its manifest."""
    dbt_command("parse", "--quiet", warehouse=Path(session.config.rootpath) / "data" / "unused.duckdb")


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def raw_store(warehouse_path: Path) -> Iterator[RawStore]:
    with RawStore.open(warehouse_path) as store:
        yield store


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small generated business shared by every test that needs realistic data."""
    out = tmp_path_factory.mktemp("demo") / "data"
    generate(GenerationConfig(seed=11, scale=0.03), out)
    return out


@pytest.fixture(scope="session")
def built_warehouse(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated business landed and built with dbt once, for every test that reads the marts."""
    folder = tmp_path_factory.mktemp("built")
    warehouse = folder / "warehouse.duckdb"
    land_everything(dataset, warehouse)
    dbt_command("build", warehouse=warehouse, target_path=folder / "target")
    return warehouse
