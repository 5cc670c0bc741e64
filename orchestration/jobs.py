"""Jobs: message landing and the message models by partition range, the builds before and after them, publishing.

Partitioned and unpartitioned assets live in separate jobs because a run that mixes a partition range with
unpartitioned assets makes Dagster plan every asset and check once per partition, which costs minutes of event-log
writes for a year's backfill and buys nothing. A whole run is therefore: `land_messages` over the range,
`build_warehouse` (CRM pulls, contact keys, the dbt models the message models read), `build_message_models` over
the same range, `build_marts` (conversations, marts and audits over all of history), then `publish` once every mart
is fresh (orchestration/run.py).
"""

import dagster as dg

from orchestration.assets.dbt_models import message_dbt_models, rollup_dbt_models
from orchestration.assets.publish import PUBLISHED_MARTS

WEBHOOK_EVENTS = dg.AssetKey(["raw", "whatsapp_webhook_events"])
MESSAGE_MODELS = dg.AssetSelection.assets(message_dbt_models)
ROLLUP_MODELS = dg.AssetSelection.assets(rollup_dbt_models)
PUBLISH = dg.AssetSelection.assets(PUBLISHED_MARTS)

land_messages_job = dg.define_asset_job(
    name="land_messages",
    selection=dg.AssetSelection.assets(WEBHOOK_EVENTS),
    description="Land the WhatsApp webhook files of the selected received days.",
)

build_warehouse_job = dg.define_asset_job(
    name="build_warehouse",
    selection=dg.AssetSelection.all()
    - dg.AssetSelection.assets(WEBHOOK_EVENTS)
    - MESSAGE_MODELS
    - ROLLUP_MODELS
    - PUBLISH,
    description="Pull the CRM sources, key contacts, build and test the dbt models the message models read.",
)

build_message_models_job = dg.define_asset_job(
    name="build_message_models",
    selection=MESSAGE_MODELS,
    description="Build, test and audit the message-derived dbt models of the selected days, replacing those days.",
)

build_marts_job = dg.define_asset_job(
    name="build_marts",
    selection=ROLLUP_MODELS,
    description="Rebuild, test and audit what summarises all of history: conversations, contacts, marts and the "
    "weekly and monthly audits. Run it after the message models of new days are in.",
)

publish_job = dg.define_asset_job(
    name="publish",
    selection=PUBLISH,
    description="Export the marts to a new read-only snapshot with the report, and switch BI tools to it. "
    "orchestration/run.py launches it only after every build run of the window succeeded.",
)
