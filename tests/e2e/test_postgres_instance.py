"""deploy/dagster-postgres.yaml, as shipped, against a real PostgreSQL server the test starts itself."""

import re
from pathlib import Path

import dagster as dg
import pytest
import yaml

from tests.conftest import REPO
from tests.e2e.postgres_server import postgres_server, why_postgres_cannot_run

DEPLOY = REPO / "deploy"
pytestmark = pytest.mark.skipif(why_postgres_cannot_run() is not None, reason=str(why_postgres_cannot_run()))


@dg.asset(pool="warehouse")
def pooled_step() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 3})


def test_the_shared_instance_keeps_runs_in_postgres(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((DEPLOY / "dagster-postgres.yaml").read_text(encoding="utf-8"))
    with postgres_server() as server:
        for name, value in (
            ("DAGSTER_PG_HOST", server.host),
            ("DAGSTER_PG_PORT", str(server.port)),
            ("DAGSTER_PG_USER", server.user),
            ("DAGSTER_PG_PASSWORD", server.password),
            ("DAGSTER_PG_DB", server.database),
        ):
            monkeypatch.setenv(name, value)
        with dg.DagsterInstance.from_config(str(home)) as instance:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
            assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
            assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
            run_id = dg.materialize([pooled_step], instance=instance).run_id
        # A second process (the webserver, the daemon) opening the same instance sees the run.
        with dg.DagsterInstance.from_config(str(home)) as instance:
            run = instance.get_run_by_id(run_id)
            assert run is not None and run.is_success
            [record] = instance.fetch_materializations(dg.AssetKey("pooled_step"), limit=1).records
            assert record.asset_materialization.metadata["dagster/row_count"].value == 3


def snake_case_keys(settings: dict) -> dict:
    """Helm values spell dagster.yaml's keys in camelCase (`defaultLimit` for `default_limit`)."""
    return {
        re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower(): snake_case_keys(value) if isinstance(value, dict) else value
        for key, value in settings.items()
    }


def test_every_deployment_shares_the_concurrency_rules() -> None:
    def concurrency(name: str) -> dict:
        return yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))["concurrency"]

    assert concurrency("dagster-postgres.yaml") == concurrency("dagster.yaml")
    assert snake_case_keys(concurrency("helm/values.yaml")) == concurrency("dagster.yaml")
