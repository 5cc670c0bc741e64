"""Every asset materialized through Dagster for one daily partition, on a temporary warehouse."""

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster_dbt import DbtCliResource

from demo.servers.hubspot import HubSpotServer
from orchestration.assets.dbt_models import dbt_models
from orchestration.assets.identifiers import contact_identifiers
from orchestration.assets.raw_hubspot import hubspot_contacts, hubspot_deals
from orchestration.assets.raw_whatsapp import whatsapp_webhook_events
from orchestration.checks import audit_checks
from orchestration.dbt_project import dbt_project
from orchestration.definitions import DBT_EXECUTABLE
from orchestration.resources import HubSpotResource, IdentityResource, LandingResource, WarehouseResource
from tests.conftest import REPO

DAY = "2026-03-12"
TOKEN = "pat-dagster-test"


def test_one_partition_materializes_every_asset(dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    resources = {
        "warehouse": WarehouseResource(path=str(warehouse)),
        "landing": LandingResource(landing_dir=str(dataset / "landing")),
        "identity": IdentityResource(pii_hash_salt="test-salt"),
        "hubspot": HubSpotResource(),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
    }
    assets = [whatsapp_webhook_events, hubspot_contacts, hubspot_deals, contact_identifiers, *dbt_models]
    with HubSpotServer(dataset / "crm" / "hubspot", token=TOKEN) as server:
        monkeypatch.setenv("HUBSPOT_BASE_URL", server.url)
        monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN)
        monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
        result = dg.materialize(
            [*assets, *audit_checks],
            partition_key=DAY,
            resources=resources,
            instance=dg.DagsterInstance.ephemeral(),
        )
    assert result.success
    landed = result.asset_materializations_for_node("raw__whatsapp_webhook_events")[0]
    assert landed.partition == DAY
    assert landed.metadata["dagster/row_count"].value > 0
    assert landed.metadata["records_read"].value == (
        landed.metadata["dagster/row_count"].value + landed.metadata["records_quarantined"].value
    )
    [audit] = [e for e in result.get_asset_check_evaluations() if e.check_name == "delivery_rate"]
    assert audit.metadata["verdict"].value in ("pass", "warn", "fail")
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for mart in ("mart_conversion_daily", "mart_engagement_campaign"):
            assert connection.execute(f"select count(*) from marts.{mart}").fetchone()[0] > 0, mart
        [(resolved,)] = connection.execute("select count(*) from intermediate.int_messages_resolved").fetchall()
        [(window,)] = connection.execute("select distinct sent_date from audit.audit_delivery_rate_daily").fetchall()
        days = connection.execute("select distinct window_key from raw.whatsapp_webhook_events").fetchall()
    assert days == [(DAY,)]
    # The message models hold the partition's day only, and say how many rows they hold.
    assert str(window) == DAY
    built = result.asset_materializations_for_node("message_dbt_models")
    assert {materialization.partition for materialization in built} == {DAY}
    counts = {
        materialization.asset_key.to_user_string(): materialization.metadata["dagster/row_count"].value
        for materialization in built
        if "dagster/row_count" in materialization.metadata
    }
    assert counts["intermediate/int_messages_resolved"] == resolved > 0
    assert "staging/stg_whatsapp__messages" not in counts, "views are not counted"


def test_definitions_validate_as_the_ui_loads_them(tmp_path: Path) -> None:
    dagster = str(Path(sys.executable).with_name("dagster"))
    outcome = subprocess.run(
        [dagster, "definitions", "validate", "-w", "workspace.yaml"],
        cwd=REPO,
        env=os.environ | {"DAGSTER_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "All code locations passed validation" in outcome.stderr + outcome.stdout
