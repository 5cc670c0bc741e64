"""Every dbt model, seed and test, as two `dbt build`s: the message models by daily partition, the rest whole.

The message models (everything downstream of the webhook events) replace exactly their partition window, so a
backfill of a range is one dbt build with that range's window vars (`BackfillPolicy.single_run`): one run, one dbt
start-up, one pass over the range. The rest (seeds, CRM staging, CRM-only audits) follows the CRM cursors and is
built whole. Each table's row count becomes asset metadata (`dagster/row_count`, dbt_row_counts.py).
"""

from collections.abc import Iterator
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.assets.dbt_row_counts import with_row_counts
from orchestration.dbt_project import dbt_project
from orchestration.dbt_translator import WarehouseTranslator
from orchestration.dbt_window import MESSAGE_MODELS, dbt_vars_args, partition_window_vars
from orchestration.partitions import daily_partitions
from orchestration.resources import WAREHOUSE_POOL, WarehouseResource


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
    select=MESSAGE_MODELS,
    name="message_dbt_models",
    partitions_def=daily_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=WAREHOUSE_POOL,
)
def message_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    window = dbt_vars_args(partition_window_vars(context.partition_time_window))
    # The op-level context: dagster-dbt reads `context.op`, deprecated on the asset-level context.
    build = dbt.cli(["build", *window], context=context.op_execution_context)
    yield from with_row_counts(context, build.stream(), warehouse)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
    exclude=MESSAGE_MODELS,
    name="warehouse_dbt_models",
    pool=WAREHOUSE_POOL,
)
def warehouse_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    build = dbt.cli(["build"], context=context.op_execution_context)
    yield from with_row_counts(context, build.stream(), warehouse)


dbt_models = [warehouse_dbt_models, message_dbt_models]
