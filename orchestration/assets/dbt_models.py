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
from orchestration.dbt_builds import Build, selections_of
from orchestration.dbt_project import dbt_project
from orchestration.dbt_translator import WarehouseTranslator
from orchestration.dbt_window import dbt_vars_args, partition_window_vars
from orchestration.partitions import daily_partitions
from orchestration.resources import WAREHOUSE_POOL, WarehouseResource

BUILDS = selections_of(dbt_project.manifest_path)


def build(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource, *args: str
) -> Iterator[Any]:
    """`dbt build` of the context's selection, its events streamed with each table's row count."""
    # The op-level context: dagster-dbt reads `context.op`, deprecated on the asset-level context.
    invocation = dbt.cli(["build", *args], context=context.op_execution_context)
    yield from with_row_counts(context, invocation.stream(), warehouse)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
    select=BUILDS[Build.WAREHOUSE].select,
    exclude=BUILDS[Build.WAREHOUSE].exclude,
    name="warehouse_dbt_models",
    pool=WAREHOUSE_POOL,
)
def warehouse_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    yield from build(context, dbt, warehouse)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
    select=BUILDS[Build.WINDOWED].select,
    exclude=BUILDS[Build.WINDOWED].exclude,
    name="message_dbt_models",
    partitions_def=daily_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=WAREHOUSE_POOL,
)
def message_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    yield from build(context, dbt, warehouse, *dbt_vars_args(partition_window_vars(context.partition_time_window)))


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
    select=BUILDS[Build.ROLLUP].select,
    exclude=BUILDS[Build.ROLLUP].exclude,
    name="rollup_dbt_models",
    pool=WAREHOUSE_POOL,
)
def rollup_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    yield from build(context, dbt, warehouse)


dbt_models = [warehouse_dbt_models, message_dbt_models, rollup_dbt_models]
