"""Jobs: the whole pipeline, sources to checked marts, as one selectable unit."""

import dagster as dg

full_pipeline_job = dg.define_asset_job(
    name="full_pipeline",
    selection=dg.AssetSelection.all(),
    description="Land every configured source, key contacts, build and test every dbt model, run the audits.",
)
