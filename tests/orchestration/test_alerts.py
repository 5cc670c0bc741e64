"""Alerts reach a real local webhook once per failing check and period, and never without a URL."""

from pathlib import Path

import dagster as dg
import pytest
from pytest_httpserver import HTTPServer

from orchestration.checks import audit_checks
from orchestration.resources import WarehouseResource
from orchestration.sensors import failed_audit_alerts
from tests.orchestration.test_audit_checks import metric_table

DELIVERY_RATE = next(check for check in audit_checks if "delivery_rate" in {s.name for s in check.check_specs})
METRIC = dg.AssetSpec(dg.AssetKey(["audit", "audit_delivery_rate_daily"]))


def run_failing_check(instance: dg.DagsterInstance, warehouse: WarehouseResource) -> str:
    result = dg.materialize(
        [METRIC, DELIVERY_RATE],
        selection=dg.AssetSelection.checks(DELIVERY_RATE),
        resources={"warehouse": warehouse},
        instance=instance,
        # A blocking check that fails also fails its step; the evaluation is recorded all the same.
        raise_on_error=False,
    )
    [evaluation] = result.get_asset_check_evaluations()
    assert not evaluation.passed
    return result.run_id


def tick(instance: dg.DagsterInstance, cursor: str | None) -> str | None:
    definitions = dg.Definitions(
        assets=[METRIC],
        asset_checks=[DELIVERY_RATE],
        sensors=[failed_audit_alerts],
        resources={"warehouse": WarehouseResource(path="unused.duckdb")},
    )
    context = dg.build_sensor_context(instance=instance, cursor=cursor, definitions=definitions)
    failed_audit_alerts(context)
    return context.cursor


def test_a_failed_check_alerts_once(tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALERT_WEBHOOK_URL", httpserver.url_for("/hooks/secret"))
    monkeypatch.setenv("DAGSTER_WEBSERVER_URL", "http://dagster.example:3000")
    httpserver.expect_request("/hooks/secret", method="POST").respond_with_data("ok")
    warehouse = metric_table(tmp_path / "w.duckdb", [("2026-03-10", 200, 160)])
    with dg.instance_for_test() as instance:
        run_id = run_failing_check(instance, warehouse)
        cursor = tick(instance, None)
        assert len(httpserver.log) == 1
        text = httpserver.log[0][0].get_json()["text"]
        assert "delivery_rate" in text and "80.0%" in text and "95" in text and "2026-03-10" in text
        assert f"http://dagster.example:3000/runs/{run_id}" in text
        # The same failure, seen again on the next tick and in a second run: nothing more is sent.
        cursor = tick(instance, cursor)
        run_failing_check(instance, warehouse)
        tick(instance, cursor)
    assert len(httpserver.log) == 1


def test_without_a_webhook_nothing_is_sent(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("ALERT_WEBHOOK_URL", raising=False)
    warehouse = metric_table(tmp_path / "w.duckdb", [("2026-03-10", 200, 160)])
    with dg.instance_for_test() as instance, caplog.at_level("INFO"):
        run_failing_check(instance, warehouse)
        tick(instance, None)
    assert httpserver.log == []
    assert "ALERT_WEBHOOK_URL is not set" in caplog.text
