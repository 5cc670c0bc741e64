{#- The raw layer on engines that do not share the ingestion's DuckDB file: each `raw` source table is registered
    over its Parquet file in RAW_PARQUET_DIR (`<dir>/<table>.parquet`, the raw backup's layout, so any backup folder
    or a Parquet landing bucket serves). Run as an on-run-start hook; a no-op where the raw tables are already there. -#}
{% macro register_raw_parquet() -%}
    {{ return(adapter.dispatch('register_raw_parquet', 'wa_crm_analytics')()) }}
{%- endmacro %}

{% macro default__register_raw_parquet() -%}
    select 1
{%- endmacro %}

{% macro spark__register_raw_parquet() -%}
    {%- set folder = env_var('RAW_PARQUET_DIR', '') -%}
    {%- if execute and folder -%}
        {%- do run_query('create database if not exists raw') -%}
        {%- for source in graph.sources.values() if source.source_name == 'raw' -%}
            {%- do run_query('drop table if exists raw.' ~ source.name) -%}
            {%- do run_query(
                "create table raw." ~ source.name ~ " using parquet location '"
                ~ folder ~ "/" ~ source.name ~ ".parquet'"
            ) -%}
        {%- endfor -%}
    {%- endif -%}
    select 1
{%- endmacro %}
