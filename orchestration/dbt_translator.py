"""The one policy object deciding how dbt nodes appear in Dagster: keys, groups, metadata."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtProject


def model_folder(props: Mapping[str, Any]) -> str:
    """The layer a model lives in (`staging`, `intermediate`, `marts`, `audit`), from its fqn."""
    fqn = props.get("fqn") or []
    return fqn[1] if len(fqn) > 2 else "dbt"


class WarehouseTranslator(DagsterDbtTranslator):
    """Models are keyed `<schema>/<model>` and grouped by layer folder, matching the warehouse.

    Sources keep the asset keys their YAML names under `meta.dagster.asset_key`, so the dbt graph
    joins the ingestion assets into one lineage from API to mart.
    """

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = manifest.get("nodes", {}).get(unique_id)
        if props is None or props.get("resource_type") not in ("model", "seed", "snapshot"):
            return spec
        return spec.replace_attributes(
            key=dg.AssetKey([props["schema"], props["name"]]),
            group_name=model_folder(props),
        )
