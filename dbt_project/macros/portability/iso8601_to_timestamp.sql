{#- A UTC timestamp (without time zone) from an ISO-8601 string such as HubSpot's `2025-09-04T10:00:00.000Z`,
    honouring its offset; null when the string is not a timestamp.
    Dispatched: engines differ on whether a cast to TIMESTAMP applies or silently drops the offset. -#}
{% macro iso8601_to_timestamp(column) -%}
    {{ return(adapter.dispatch('iso8601_to_timestamp', 'wa_crm_analytics')(column)) }}
{%- endmacro %}

{% macro default__iso8601_to_timestamp(column) -%}
    {{ dbt.safe_cast(column, dbt.type_timestamp()) }}
{%- endmacro %}

{#- DuckDB drops the offset when casting to TIMESTAMP, so go through TIMESTAMPTZ and back to UTC. -#}
{% macro duckdb__iso8601_to_timestamp(column) -%}
    cast(try_cast({{ column }} as timestamptz) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__iso8601_to_timestamp(column) -%}
    to_utc_timestamp(cast({{ column }} as timestamp), current_timezone())
{%- endmacro %}
