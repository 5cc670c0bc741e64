"""The code location as the UI shows it: one lineage from API to mart, layers as groups."""

import dagster as dg

from orchestration.definitions import defs
from orchestration.resources import WAREHOUSE_POOL


def key(*parts: str) -> dg.AssetKey:
    return dg.AssetKey(list(parts))


def test_dbt_sources_join_the_ingestion_assets_into_one_graph() -> None:
    graph = defs.resolve_asset_graph()
    assert key("raw", "whatsapp_webhook_events") in graph.get(key("staging", "stg_whatsapp__messages")).parent_keys
    assert key("raw", "hubspot_deals") in graph.get(key("staging", "stg_hubspot__deals")).parent_keys
    assert (
        key("raw", "contact_identifiers") in graph.get(key("staging", "stg_identity__contact_identifiers")).parent_keys
    )
    upstream = graph.upstream_key_iterator(key("marts", "mart_conversion_daily"))
    assert {key("raw", "whatsapp_webhook_events"), key("raw", "hubspot_deals")} <= set(upstream)


def test_models_are_grouped_by_layer_and_keyed_by_schema() -> None:
    graph = defs.resolve_asset_graph()
    assert graph.get(key("marts", "mart_engagement_campaign")).group_name == "marts"
    assert graph.get(key("intermediate", "int_messages_resolved")).group_name == "intermediate"
    assert graph.get(key("raw", "hubspot_contacts")).group_name == "raw"


def test_the_audits_sit_on_their_metrics_and_only_the_backup_blocks() -> None:
    graph = defs.resolve_asset_graph()
    delivery = graph.get_check_spec(dg.AssetCheckKey(key("audit", "audit_delivery_rate_daily"), "delivery_rate"))
    backup = graph.get_check_spec(dg.AssetCheckKey(key("backups", "raw_backup"), "backup_completeness"))
    assert not delivery.blocking
    assert backup.blocking


def test_amocrm_and_csv_sources_feed_staging_and_the_identifier_lookup() -> None:
    graph = defs.resolve_asset_graph()
    assert key("raw", "amocrm_leads") in graph.get(key("staging", "stg_amocrm__leads")).parent_keys
    assert key("raw", "csv_contacts") in graph.get(key("staging", "stg_csv__contacts")).parent_keys
    identifier_inputs = graph.get(key("raw", "contact_identifiers")).parent_keys
    assert {key("raw", "amocrm_contacts"), key("raw", "csv_contacts")} <= identifier_inputs


def executable_steps() -> list[dg.AssetsDefinition]:
    """Every asset and check definition that runs as a step."""
    graph = defs.resolve_asset_graph()
    return [d for d in graph.assets_defs if d.is_executable]


def test_every_step_that_opens_the_warehouse_is_in_the_one_writer_pool() -> None:
    steps = [d for d in executable_steps() if {"warehouse", "dbt"} & set(d.required_resource_keys)]
    assert len(steps) > 10
    assert {d.node_def.name: d.node_def.pool for d in steps} == {d.node_def.name: WAREHOUSE_POOL for d in steps}


def test_every_ingestion_step_retries_with_backoff() -> None:
    landing = [d for d in executable_steps() if {"landing", "hubspot", "amocrm", "chatwoot"} & d.required_resource_keys]
    assert {key.to_user_string() for d in landing for key in d.keys} >= {
        "raw/whatsapp_webhook_events",
        "raw/csv_contacts",
        "raw/hubspot_deals",
        "raw/amocrm_leads",
        "raw/chatwoot_messages",
    }
    for step in landing:
        policy = step.node_def.retry_policy
        assert policy is not None and policy.max_retries >= 3, step.node_def.name
        assert policy.backoff is dg.Backoff.EXPONENTIAL, step.node_def.name
