"""The publish step in Dagster: a blocking audit that fails stops it, in the same run or launched alone; a warning
does not."""

from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt_models import dbt_models
from orchestration.assets.publish import PUBLISHED_MARTS, published_marts
from orchestration.assets.raw_backup import RAW_BACKUP, raw_backup
from orchestration.checks import metric_audit_check
from orchestration.dbt_project import dbt_project
from orchestration.definitions import defs
from orchestration.resources import BackupResource, PublishResource, WarehouseResource
from orchestration.summary import RunSummary, format_summary, published_paths
from quality.audit_catalog import METRIC_AUDITS
from quality.thresholds import DEFAULT_THRESHOLDS_FILE, THRESHOLDS_FILE_VARIABLE
from serving.pointer import published_snapshot


def set_latest(warehouse: Path, model: str, period_column: str, assignments: str, where: str = "true") -> None:
    """Rewrite the latest period of an audit metric table: the period its check judges."""
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            f"update audit.{model} set {assignments} "
            f"where {period_column} = (select max({period_column}) from audit.{model}) and {where}"
        )


def run_tail_job(
    job_name: str, warehouse: Path, publish_dir: Path, backup_dir: Path, instance: dg.DagsterInstance | None = None
) -> dg.ExecuteInProcessResult:
    """A job of the real asset graph on a warehouse dbt has built: `build_tail` (the audits and the publish step of a
    build) or `publish_alone` (the publish step as the UI launches it, in a run of its own).

    The checks are built here, after a test may have pointed AUDIT_THRESHOLDS_FILE at its own standard.
    """
    checks = [metric_audit_check(audit) for audit in METRIC_AUDITS]
    publish = dg.AssetSelection.assets(PUBLISHED_MARTS)
    defs = dg.Definitions(
        assets=[*dbt_models, raw_backup, published_marts],
        asset_checks=checks,
        jobs=[
            dg.define_asset_job("build_tail", selection=publish | dg.AssetSelection.checks(*checks)),
            dg.define_asset_job("publish_alone", selection=publish),
        ],
        resources={
            "warehouse": WarehouseResource(path=str(warehouse)),
            "publishing": PublishResource(publish_dir=str(publish_dir)),
            "backups": BackupResource(backup_dir=str(backup_dir)),
            "dbt": DbtCliResource(project_dir=dbt_project),
        },
    )
    job = defs.resolve_job_def(job_name)
    return job.execute_in_process(instance=instance or dg.DagsterInstance.ephemeral(), raise_on_error=False)


def run_build_tail(warehouse: Path, publish_dir: Path, backup_dir: Path) -> dg.ExecuteInProcessResult:
    return run_tail_job("build_tail", warehouse, publish_dir, backup_dir)


def verdicts(result: dg.ExecuteInProcessResult) -> dict[str, str]:
    return {e.check_name: e.metadata["verdict"].value for e in result.get_asset_check_evaluations()}


def gate_on_delivery_rate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A deployment's own standard that gates the publish on the delivery rate (the shipped one only alerts)."""
    standard = yaml.safe_load(DEFAULT_THRESHOLDS_FILE.read_text(encoding="utf-8"))
    standard["audits"]["delivery_rate"]["blocking"] = True
    own = tmp_path / "thresholds.yaml"
    own.write_text(yaml.safe_dump(standard, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(THRESHOLDS_FILE_VARIABLE, str(own))


def passing_blocking_audits(warehouse: Path) -> None:
    set_latest(warehouse, "audit_delivery_rate_daily", "sent_date", "delivered = sent, delivery_rate = 1.0")
    set_latest(warehouse, "audit_customer_data_completeness_weekly", "week_start_date", "completeness = 0.99")


def test_a_failing_blocking_audit_stops_the_publish(
    warehouse_copy: Path, publish_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate_on_delivery_rate(monkeypatch, tmp_path)
    passing_blocking_audits(warehouse_copy)
    set_latest(warehouse_copy, "audit_delivery_rate_daily", "sent_date", "delivery_rate = 0.5")
    result = run_build_tail(warehouse_copy, publish_dir, tmp_path / "backups")
    assert verdicts(result)["delivery_rate"] == "fail"
    published = [e.asset_key for e in result.get_asset_materialization_events()]
    assert PUBLISHED_MARTS not in published
    assert published_snapshot(publish_dir) is None
    assert published_paths([result]) == {}
    assert "published            not this run" in format_summary(RunSummary(False, "w", {"unavailable": "not read"}))


def test_a_publish_launched_alone_refuses_while_a_blocking_check_stands_failed(
    warehouse_copy: Path, publish_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate_on_delivery_rate(monkeypatch, tmp_path)
    passing_blocking_audits(warehouse_copy)
    instance = dg.DagsterInstance.ephemeral()
    # Before any check has failed, a publish alone goes through.
    first = run_tail_job("publish_alone", warehouse_copy, publish_dir, tmp_path / "backups", instance)
    assert first.success
    published = published_snapshot(publish_dir)
    assert published is not None
    set_latest(warehouse_copy, "audit_delivery_rate_daily", "sent_date", "delivery_rate = 0.5")
    tail = run_tail_job("build_tail", warehouse_copy, publish_dir, tmp_path / "backups", instance)
    assert verdicts(tail)["delivery_rate"] == "fail"
    alone = run_tail_job("publish_alone", warehouse_copy, publish_dir, tmp_path / "backups", instance)
    assert not alone.success
    [failure] = [event for event in alone.all_events if event.is_step_failure]
    user_failure = failure.step_failure_data.user_failure_data
    assert user_failure is not None
    failed = user_failure.metadata["failed_blocking_checks"].value
    assert set(failed) == {"audit/audit_delivery_rate_daily:delivery_rate"}
    assert alone.asset_materializations_for_node("serving__published_marts") == []
    assert published_snapshot(publish_dir) == published


def test_warnings_and_non_blocking_failures_still_publish(
    warehouse_copy: Path, publish_dir: Path, tmp_path: Path
) -> None:
    passing_blocking_audits(warehouse_copy)
    # The shipped standard gates on the backup only: a response time far out fails and alerts, the marts still publish.
    set_latest(warehouse_copy, "audit_median_response_time_weekly", "week_start_date", "median_response_minutes = 60")
    result = run_build_tail(warehouse_copy, publish_dir, tmp_path / "backups")
    assert verdicts(result)["median_response_time"] == "fail"
    [materialization] = result.asset_materializations_for_node("serving__published_marts")
    report = Path(materialization.metadata["report"].value)
    assert report.is_file() and report.parent == published_snapshot(publish_dir)
    assert materialization.metadata["published_database"].value == str(
        publish_dir.resolve() / "current" / "analytics.duckdb"
    )
    summary = RunSummary(True, "w", {"unavailable": "not read"}, published=published_paths([result]))
    closing_lines = format_summary(summary).splitlines()[-2:]
    assert closing_lines == [
        f"  report (HTML)        {report}",
        f"  published (DuckDB)   {publish_dir.resolve() / 'current' / 'analytics.duckdb'}   (BI tools: read_only)",
    ]
    with duckdb.connect(str(report.parent / "analytics.duckdb"), read_only=True) as snapshot:
        assert snapshot.execute("select count(*) from marts.mart_roi_monthly").fetchone()[0] > 0


def test_the_publish_waits_for_every_mart_audit_model_and_the_backup() -> None:
    graph = defs.resolve_asset_graph()
    parents = graph.get(PUBLISHED_MARTS).parent_keys
    gated = {key for key in graph.get_all_asset_keys() if key.path[0] in ("marts", "audit")}
    assert gated and gated | {RAW_BACKUP} == parents
    # dbt stops the marts itself when a test upstream of them fails; every other blocking check is on a parent.
    blocking = [key for key in graph.asset_check_keys if graph.get_check_spec(key).blocking]
    gating = [key for key in blocking if key.asset_key.path[0] not in ("seeds", "staging", "intermediate")]
    assert "backup_completeness" in {key.name for key in gating}
    assert all(key.asset_key in parents for key in gating)
    assert defs.resolve_job_def("publish").asset_layer.selected_asset_keys == {PUBLISHED_MARTS}
