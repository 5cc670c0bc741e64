"""The publish gate: a publish launched on its own refuses while a blocking check upstream stands failed.

Inside one build run Dagster itself stops the publish step after a blocking check fails. A publish
launched alone (from the UI, or as a separate run after the builds) has no such check in its plan, so
it reads the latest evaluation of each check on its parents from the instance's event log instead.
"""

from collections.abc import Iterable

import dagster as dg
from dagster._core.storage.asset_check_execution_record import (
    AssetCheckExecutionRecord,
    AssetCheckExecutionRecordStatus,
)

from orchestration.assets.dbt_models import dbt_models
from orchestration.assets.raw_backup import backup_completeness
from orchestration.checks import audit_checks


def checks_on(parents: Iterable[dg.AssetKey]) -> list[dg.AssetCheckKey]:
    """The keys of every check (dbt tests, the audits, backup completeness) on one of `parents`."""
    wanted = set(parents)
    definitions = [*dbt_models, *audit_checks, backup_completeness]
    keys = {spec.key for definition in definitions for spec in definition.check_specs if spec.asset_key in wanted}
    return sorted(keys, key=lambda key: (key.asset_key.to_user_string(), key.name))


def failed_blocking_checks(
    instance: dg.DagsterInstance, keys: Iterable[dg.AssetCheckKey]
) -> list[AssetCheckExecutionRecord]:
    """The latest executions of `keys` that failed a blocking check with severity ERROR; a warning never gates."""
    latest = instance.event_log_storage.get_latest_asset_check_execution_by_key(list(keys))
    failed = []
    for record in latest.values():
        evaluation = record.event.asset_check_evaluation if record.event else None
        if (
            record.status is AssetCheckExecutionRecordStatus.FAILED
            and evaluation is not None
            and evaluation.blocking
            and evaluation.severity is dg.AssetCheckSeverity.ERROR
        ):
            failed.append(record)
    return failed
