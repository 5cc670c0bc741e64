"""The code location as the UI shows it: one lineage from API to mart, layers as groups."""

import dagster as dg

from orchestration.definitions import defs


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
