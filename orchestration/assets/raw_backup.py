"""The raw layer's backup (Parquet under BACKUP_DIR) and its check: every table re-read and verified."""

from datetime import UTC, datetime

import dagster as dg
import pandas as pd

from orchestration.check_results import audit_check_result
from orchestration.resources import WAREHOUSE_POOL, BackupResource, WarehouseResource
from quality.audit_history import record_outcome
from quality.metric_audit import MetricTable, evaluate_metric
from quality.raw_backup import back_up_raw, latest_backup, verify_backup
from quality.thresholds import load_thresholds

RAW_BACKUP = dg.AssetKey(["backups", "raw_backup"])
BACKUP_TABLE = MetricTable("backup", "verified_share", "tables")


@dg.asset(
    key=RAW_BACKUP,
    group_name="backups",
    # After the last raw write of a build, so the backup holds everything landed in it.
    deps=[["raw", "contact_identifiers"]],
    kinds={"python", "parquet"},
    pool=WAREHOUSE_POOL,
    description="Every raw.* table copied to BACKUP_DIR/<timestamp>/<table>.parquet, with a manifest of row "
    "counts and checksums. Raw is the one layer that cannot be rebuilt from the sources.",
)
def raw_backup(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, backups: BackupResource
) -> dg.MaterializeResult:
    with warehouse.reader() as connection:
        folder = back_up_raw(connection, backups.path, datetime.now(UTC))
    tables = len(list(folder.glob("*.parquet")))
    context.log.info(f"backed up {tables} raw tables to {folder}")
    return dg.MaterializeResult(metadata={"backup_dir": dg.MetadataValue.path(str(folder)), "tables": tables})


@dg.asset_check(
    asset=RAW_BACKUP,
    name="backup_completeness",
    blocking=True,
    pool=WAREHOUSE_POOL,
    description="Share of raw tables whose latest backup re-reads with the manifest's row count and checksum. "
    "Standard: 100 %.",
)
def backup_completeness(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource, backups: BackupResource
) -> dg.AssetCheckResult:
    folder = latest_backup(backups.path)
    checks = verify_backup(folder) if folder is not None else []
    verified = sum(check.verified for check in checks)
    frame = pd.DataFrame(
        {"backup": [folder.name], "verified_share": [verified / len(checks)], "tables": [len(checks)]}
        if checks
        else {"backup": [], "verified_share": [], "tables": []}
    )
    outcome = evaluate_metric(load_thresholds()["backup_completeness"], BACKUP_TABLE, frame)
    with warehouse.writer() as connection:
        record_outcome(connection, context.op_execution_context.run_id, outcome, datetime.now(UTC).replace(tzinfo=None))
    unverified = ", ".join(check.table for check in checks if not check.verified)
    return audit_check_result(outcome, {"tables_unverified": unverified or "none"})
