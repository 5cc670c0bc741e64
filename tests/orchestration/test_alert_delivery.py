"""The alert sensors end to end: real runs on a real instance, a real local webhook, ticks as the daemon makes them.

Exactly one message per failing check and period, whatever the number of runs and ticks; warnings
never alert; a webhook that is down is tried again on the next tick; a failed run alerts once.
"""

from pathlib import Path

import dagster as dg
import duckdb
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from orchestration.checks import audit_checks
from orchestration.resources import WarehouseResource
from orchestration.sensors import failed_audit_alerts, failed_run_alerts
from tests.orchestration.audit_fixtures import AUDITS, MetricRow, create_metric_table

NAMES = ("delivery_rate", "csat", "median_response_time")
CHECKS = [check for check in audit_checks if {spec.name for spec in check.check_specs} & set(NAMES)]
METRICS = [dg.AssetSpec(dg.AssetKey(["audit", AUDITS[name].model])) for name in NAMES]
HOOK = "/services/T000/B000/secret"


def audit_warehouse(path: Path) -> WarehouseResource:
    """Delivery fails on 10 March, CSAT fails in the week of 9 March, response time only warns."""
    with duckdb.connect(str(path)) as connection:
        create_metric_table(
            connection, AUDITS["delivery_rate"], [MetricRow("2026-03-09", 0.97), MetricRow("2026-03-10", 0.91)]
        )
        create_metric_table(connection, AUDITS["csat"], [MetricRow("2026-03-09", 3.1, 40)])
        create_metric_table(connection, AUDITS["median_response_time"], [MetricRow("2026-03-09", 16.5)])
    return WarehouseResource(path=str(path))


def run_audits(instance: dg.DagsterInstance, warehouse: WarehouseResource) -> str:
    result = dg.materialize(
        [*METRICS, *CHECKS],
        selection=dg.AssetSelection.checks(*CHECKS),
        resources={"warehouse": warehouse},
        instance=instance,
        raise_on_error=False,
    )
    return result.run_id


def tick(instance: dg.DagsterInstance, cursor: str | None) -> str | None:
    definitions = dg.Definitions(
        assets=METRICS,
        asset_checks=CHECKS,
        sensors=[failed_audit_alerts],
        resources={"warehouse": WarehouseResource(path="unused.duckdb")},
    )
    context = dg.build_sensor_context(instance=instance, cursor=cursor, definitions=definitions)
    failed_audit_alerts(context)
    return context.cursor


@pytest.fixture
def webhook(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv("ALERT_WEBHOOK_URL", httpserver.url_for(HOOK))
    monkeypatch.setenv("DAGSTER_WEBSERVER_URL", "http://dagster.internal:3000")
    return httpserver


def posted_texts(server: HTTPServer) -> list[str]:
    return [request.get_json()["text"] for request, response in server.log if response.status_code == 200]


def test_one_alert_per_failing_check_and_period(tmp_path: Path, webhook: HTTPServer) -> None:
    webhook.expect_request(HOOK, method="POST").respond_with_data("ok")
    warehouse = audit_warehouse(tmp_path / "w.duckdb")
    with dg.instance_for_test() as instance:
        first_run = run_audits(instance, warehouse)
        cursor = tick(instance, None)
        # The same failures again, in a second run and on later ticks: nothing new to say.
        run_audits(instance, warehouse)
        cursor = tick(instance, tick(instance, cursor))
        assert len(posted_texts(webhook)) == 2
        # A new failing day is a new alert; the old one stays quiet.
        with duckdb.connect(warehouse.path) as connection:
            connection.execute("insert into audit.audit_delivery_rate_daily values ('2026-03-11', 0.5, 300)")
        run_audits(instance, warehouse)
        tick(instance, cursor)
    texts = posted_texts(webhook)
    assert len(texts) == 3
    csat, delivery_first = sorted(texts[:2])
    assert delivery_first.startswith("Audit failed: delivery_rate on audit/audit_delivery_rate_daily for 2026-03-10")
    assert "value 91.0%" in delivery_first and "standard at least 95.0%" in delivery_first
    assert f"http://dagster.internal:3000/runs/{first_run}" in delivery_first
    assert "csat" in csat and "2026-03-09" in csat and "value 3.10" in csat and "3.50" in csat
    assert "for 2026-03-11" in texts[2] and "value 50.0%" in texts[2]
    assert not any("median_response_time" in text for text in texts)


def test_a_webhook_that_is_down_is_tried_again_next_tick(
    tmp_path: Path, webhook: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    answers = iter([Response("busy", status=503), Response("ok", status=200), Response("ok", status=200)])
    webhook.expect_request(HOOK, method="POST").respond_with_handler(lambda request: next(answers))
    warehouse = audit_warehouse(tmp_path / "w.duckdb")
    with dg.instance_for_test() as instance, caplog.at_level("WARNING"):
        run_audits(instance, warehouse)
        cursor = tick(instance, None)  # delivery: 503, csat: accepted
        cursor = tick(instance, cursor)  # delivery again: accepted
        tick(instance, cursor)  # nothing left to send
    assert len(webhook.log) == 3
    assert sum("delivery_rate" in text for text in posted_texts(webhook)) == 1
    assert "alert webhook answered HTTP 503" in caplog.text
    assert HOOK not in caplog.text


def test_an_unreachable_webhook_never_breaks_the_sensor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A port nothing listens on: the sensor logs and keeps its cursor empty for the next tick.
    monkeypatch.setenv("ALERT_WEBHOOK_URL", "http://127.0.0.1:9/hooks/secret")
    warehouse = audit_warehouse(tmp_path / "w.duckdb")
    with dg.instance_for_test() as instance, caplog.at_level("WARNING"):
        run_audits(instance, warehouse)
        assert tick(instance, None) == "[]"
    assert "alert webhook unreachable (ConnectionError)" in caplog.text
    assert "secret" not in caplog.text


@dg.op
def lose_the_warehouse() -> None:
    raise RuntimeError("warehouse file is gone")


@dg.job
def nightly_build() -> None:
    lose_the_warehouse()


def test_a_failed_run_alerts_once_with_its_link(webhook: HTTPServer) -> None:
    webhook.expect_request(HOOK, method="POST").respond_with_data("ok")
    with dg.instance_for_test() as instance:
        result = nightly_build.execute_in_process(instance=instance, raise_on_error=False)
        failure = next(event for event in result.all_events if event.event_type_value == "PIPELINE_FAILURE")
        context = dg.build_run_status_sensor_context(
            sensor_name="failed_run_alerts",
            dagster_event=failure,
            dagster_instance=instance,
            dagster_run=result.dagster_run,
        ).for_run_failure()
        failed_run_alerts(context)
    [text] = posted_texts(webhook)
    assert text.startswith("Run failed: job nightly_build")
    assert f"http://dagster.internal:3000/runs/{result.run_id}" in text


def test_without_a_webhook_nothing_is_sent(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("ALERT_WEBHOOK_URL", raising=False)
    with dg.instance_for_test() as instance, caplog.at_level("INFO"):
        run_audits(instance, audit_warehouse(tmp_path / "w.duckdb"))
        tick(instance, None)
    assert httpserver.log == []
    assert "ALERT_WEBHOOK_URL is not set" in caplog.text
