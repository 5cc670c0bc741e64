"""Every dbt model, seed and test: one `dbt build` over the staging → marts graph."""

from collections.abc import Iterator
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.dbt_project import dbt_project
from orchestration.dbt_translator import WarehouseTranslator
from orchestration.resources import WAREHOUSE_POOL


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
    pool=WAREHOUSE_POOL,
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    # The op-level context: dagster-dbt reads `context.op`, deprecated on the asset-level context.
    yield from dbt.cli(["build"], context=context.op_execution_context).stream()
