"""Every dbt model, seed and test, as three `dbt build`s: before, by day, and after the messages' windows.

- `warehouse_dbt_models`: seeds, staging and the models the windowed ones read (CRM, contact keys): built whole.
- `message_dbt_models`: the message-level models that replace exactly their partition window of days. A backfill
  of a range is one dbt build with that range's window vars (`BackfillPolicy.single_run`): one run, one dbt
  start-up, one pass over the range.
- `rollup_dbt_models`: everything downstream of the windowed models (conversations, marts, weekly and monthly
  audits), which summarises all of history and is rebuilt whole after the windows are in.

Which model and test is in which build: orchestration/dbt_builds.py. Each table's row count becomes asset metadata
(`dagster/row_count`, dbt_row_counts.py).
"""

from collections.abc import Iterator
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.assets.dbt_row_counts import with_row_counts
from orchestration.dbt_builds import BUILD_COMMAND, Build, selections_of
from orchestration.dbt_project import dbt_project
from orchestration.dbt_translator import WarehouseTranslator
from orchestration.dbt_window import dbt_vars_args, partition_window_vars
from orchestration.partitions import daily_partitions
from orchestration.resources import WAREHOUSE_POOL, WarehouseResource

BUILDS = selections_of(dbt_project.manifest_path)


def build_assets(build: Build, name: str, partitions_def: dg.PartitionsDefinition | None = None) -> dg.AssetsDefinition:
    """One build's dbt assets; a partitioned build passes its partition window to dbt as `min_date` / `max_date`."""
    selection = BUILDS[build]

    @dbt_assets(
        manifest=dbt_project.manifest_path,
        project=dbt_project,
        dagster_dbt_translator=WarehouseTranslator(),
        select=selection.select,
        exclude=selection.exclude,
        name=name,
        partitions_def=partitions_def,
        backfill_policy=dg.BackfillPolicy.single_run() if partitions_def else None,
        pool=WAREHOUSE_POOL,
    )
    def assets(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource) -> Iterator[Any]:
        window = dbt_vars_args(partition_window_vars(context.partition_time_window)) if partitions_def else []
        # The op-level context: dagster-dbt reads `context.op`, deprecated on the asset-level context.
        invocation = dbt.cli([*BUILD_COMMAND, *window], context=context.op_execution_context)
        yield from with_row_counts(context, invocation.stream(), warehouse)

    return assets


warehouse_dbt_models = build_assets(Build.WAREHOUSE, "warehouse_dbt_models")
message_dbt_models = build_assets(Build.WINDOWED, "message_dbt_models", daily_partitions)
rollup_dbt_models = build_assets(Build.ROLLUP, "rollup_dbt_models")

dbt_models = [warehouse_dbt_models, message_dbt_models, rollup_dbt_models]
