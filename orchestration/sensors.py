"""Alert sensors: failed audits and failed runs become one webhook message each (quality/alerts.py).

In open-source Dagster a failed asset check does not fail its run, so a run-failure sensor never
sees it: `failed_audit_alerts` reads the checks' evaluations from the instance's event log instead.
Its cursor is the set of (check, period) pairs already alerted, so a check that keeps failing on the
same period, run after run, alerts once; a send that fails is retried on the next tick.
"""

import json

import dagster as dg

from quality.alerts import run_link, send_alert

# Evaluations looked at per check and tick; older ones were alerted (or skipped) on earlier ticks.
RECENT_EVALUATIONS = 20
# Alerted keys kept in the cursor: enough for years of daily periods of every check, small enough to store.
REMEMBERED_ALERTS = 2000


def _text(metadata: dict[str, dg.MetadataValue], key: str, default: str) -> str:
    value = metadata.get(key)
    return str(value.value) if value is not None else default


def check_alert_text(evaluation: dg.AssetCheckEvaluation, period: str, run_id: str) -> str:
    """What the channel reads: the check, its value against the threshold, the period and the run."""
    metadata = dict(evaluation.metadata)
    value = _text(metadata, "value_text", _text(metadata, "value", "missing"))
    standard = _text(metadata, "standard", _text(metadata, "threshold", "?"))
    return (
        f"Audit failed: {evaluation.check_name} on {evaluation.asset_key.to_user_string()} for {period}: "
        f"value {value}, standard {standard}. Run: {run_link(run_id)}"
    )


@dg.sensor(
    name="failed_audit_alerts",
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Alerts once per failing audit check and period (ERROR severity: a verdict of fail).",
)
def failed_audit_alerts(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    alerted: list[str] = json.loads(context.cursor) if context.cursor else []
    seen = set(alerted)
    storage = context.instance.event_log_storage
    sent = 0
    for check_key in sorted(context.repository_def.asset_graph.asset_check_keys, key=str):
        records = storage.get_asset_check_execution_history(check_key, limit=RECENT_EVALUATIONS)
        for record in reversed(records):
            evaluation = record.event.asset_check_evaluation if record.event else None
            if evaluation is None or evaluation.passed or evaluation.severity is not dg.AssetCheckSeverity.ERROR:
                continue
            period = _text(dict(evaluation.metadata), "period", record.partition or "latest")
            alert_key = f"{check_key.to_user_string()}|{period}"
            if alert_key in seen or not send_alert(check_alert_text(evaluation, period, record.run_id)):
                continue
            seen.add(alert_key)
            alerted.append(alert_key)
            sent += 1
    context.update_cursor(json.dumps(alerted[-REMEMBERED_ALERTS:]))
    return dg.SkipReason(f"{sent} new audit alert(s) sent")


@dg.run_failure_sensor(
    name="failed_run_alerts",
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Alerts once per failed run of this code location (Dagster's run-failure cursor).",
)
def failed_run_alerts(context: dg.RunFailureSensorContext) -> None:
    run = context.dagster_run
    reason = (context.failure_event.message or "no message")[:300]
    send_alert(f"Run failed: job {run.job_name}: {reason} Run: {run_link(run.run_id)}")


alert_sensors = [failed_audit_alerts, failed_run_alerts]
