"""The publish step in Dagster: a blocking audit that fails stops it in the same run; a warning does not."""

from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt_models import dbt_models
from orchestration.assets.publish import PUBLISHED_MARTS, published_marts
from orchestration.assets.raw_backup import RAW_BACKUP, raw_backup
from orchestration.checks import audit_checks
from orchestration.dbt_project import dbt_project
from orchestration.definitions import defs
from orchestration.resources import BackupResource, PublishResource, WarehouseResource
from orchestration.summary import RunSummary, format_summary, published_paths
from serving.pointer import published_snapshot


def set_latest(warehouse: Path, model: str, period_column: str, assignments: str, where: str = "true") -> None:
    """Rewrite the latest period of an audit metric table: the period its check judges."""
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            f"update audit.{model} set {assignments} "
            f"where {period_column} = (select max({period_column}) from audit.{model}) and {where}"
        )


def run_build_tail(warehouse: Path, publish_dir: Path, backup_dir: Path) -> dg.ExecuteInProcessResult:
    """The audits and the publish step of a build, in the real asset graph, on a warehouse dbt has built."""
    tail = dg.define_asset_job(
        "build_tail",
        selection=dg.AssetSelection.assets(PUBLISHED_MARTS) | dg.AssetSelection.checks(*audit_checks),
    )
    defs = dg.Definitions(
        assets=[dbt_models, raw_backup, published_marts],
        asset_checks=audit_checks,
        jobs=[tail],
        resources={
            "warehouse": WarehouseResource(path=str(warehouse)),
            "publishing": PublishResource(publish_dir=str(publish_dir)),
            "backups": BackupResource(backup_dir=str(backup_dir)),
            "dbt": DbtCliResource(project_dir=dbt_project),
        },
    )
    job = defs.resolve_job_def("build_tail")
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def verdicts(result: dg.ExecuteInProcessResult) -> dict[str, str]:
    return {e.check_name: e.metadata["verdict"].value for e in result.get_asset_check_evaluations()}


def passing_blocking_audits(warehouse: Path) -> None:
    set_latest(warehouse, "audit_delivery_rate_daily", "sent_date", "delivered = sent, delivery_rate = 1.0")
    set_latest(warehouse, "audit_customer_data_completeness_weekly", "week_start_date", "completeness = 0.99")


def test_a_failing_blocking_audit_stops_the_publish(warehouse_copy: Path, publish_dir: Path, tmp_path: Path) -> None:
    passing_blocking_audits(warehouse_copy)
    set_latest(warehouse_copy, "audit_delivery_rate_daily", "sent_date", "delivery_rate = 0.5")
    result = run_build_tail(warehouse_copy, publish_dir, tmp_path / "backups")
    assert verdicts(result)["delivery_rate"] == "fail"
    published = [e.asset_key for e in result.get_asset_materialization_events()]
    assert PUBLISHED_MARTS not in published
    assert published_snapshot(publish_dir) is None
    assert published_paths([result]) == {}
    assert "published            not this run" in format_summary(RunSummary(False, "w", {"unavailable": "not read"}))


def test_warnings_and_non_blocking_failures_still_publish(
    warehouse_copy: Path, publish_dir: Path, tmp_path: Path
) -> None:
    passing_blocking_audits(warehouse_copy)
    # Completeness is blocking but 93 % is inside its ±3 % band; response time is far out but not blocking.
    set_latest(warehouse_copy, "audit_customer_data_completeness_weekly", "week_start_date", "completeness = 0.93")
    set_latest(warehouse_copy, "audit_median_response_time_weekly", "week_start_date", "median_response_minutes = 60")
    result = run_build_tail(warehouse_copy, publish_dir, tmp_path / "backups")
    found = verdicts(result)
    assert (found["customer_data_completeness"], found["median_response_time"], found["delivery_rate"]) == (
        "warn",
        "fail",
        "pass",
    )
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
    assert {"delivery_rate", "backup_completeness"} <= {key.name for key in gating}
    assert all(key.asset_key in parents for key in gating)
    assert PUBLISHED_MARTS in defs.resolve_job_def("build_warehouse").asset_layer.selected_asset_keys
