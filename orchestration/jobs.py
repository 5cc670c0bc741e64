"""Jobs: message landing by partition range, and the build from CRM pulls to checked marts.

They are two jobs because only the landing is partitioned: a run that mixes a partition range with
unpartitioned assets makes Dagster plan every asset and check once per partition, which costs
minutes of event-log writes for a year's backfill and buys nothing.
"""

import dagster as dg

WEBHOOK_EVENTS = dg.AssetKey(["raw", "whatsapp_webhook_events"])

land_messages_job = dg.define_asset_job(
    name="land_messages",
    selection=dg.AssetSelection.assets(WEBHOOK_EVENTS),
    description="Land the WhatsApp webhook files of the selected received days.",
)

build_warehouse_job = dg.define_asset_job(
    name="build_warehouse",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(WEBHOOK_EVENTS),
    description="Pull the CRM sources, key contacts, build and test every dbt model, run the audits.",
)
