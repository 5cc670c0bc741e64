"""Jobs: message landing and the message models by partition range, the build from CRM pulls to checked marts.

Partitioned and unpartitioned assets live in separate jobs because a run that mixes a partition range with
unpartitioned assets makes Dagster plan every asset and check once per partition, which costs minutes of event-log
writes for a year's backfill and buys nothing. A whole run is therefore: `land_messages` over the range,
`build_warehouse` (CRM pulls, contact keys, the dbt models that do not read messages), then `build_message_models`
over the same range, then `publish` once every mart is fresh (orchestration/run.py).
"""

import dagster as dg

from orchestration.assets.dbt_models import message_dbt_models
from orchestration.assets.publish import PUBLISHED_MARTS

WEBHOOK_EVENTS = dg.AssetKey(["raw", "whatsapp_webhook_events"])
MESSAGE_MODELS = dg.AssetSelection.assets(message_dbt_models)
PUBLISH = dg.AssetSelection.assets(PUBLISHED_MARTS)

land_messages_job = dg.define_asset_job(
    name="land_messages",
    selection=dg.AssetSelection.assets(WEBHOOK_EVENTS),
    description="Land the WhatsApp webhook files of the selected received days.",
)

build_warehouse_job = dg.define_asset_job(
    name="build_warehouse",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(WEBHOOK_EVENTS) - MESSAGE_MODELS - PUBLISH,
    description="Pull the CRM sources, key contacts, build and test the dbt models that do not read messages.",
)

build_message_models_job = dg.define_asset_job(
    name="build_message_models",
    selection=MESSAGE_MODELS,
    description="Build, test and audit the message-derived dbt models of the selected days, replacing those days.",
)

publish_job = dg.define_asset_job(
    name="publish",
    selection=PUBLISH,
    description="Export the marts to a new read-only snapshot with the report, and switch BI tools to it. "
    "orchestration/run.py launches it only after every build run of the window succeeded.",
)
