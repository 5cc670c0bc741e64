{#- A UTC timestamp (without time zone) from unix seconds held as a string, as WhatsApp sends them; null when the
    string is not a number or lies outside years 1970-9999, so an absurd value never stops a run.
    Dispatched: each engine has its own epoch conversion and a different failure mode on overflow. -#}
{% macro unix_seconds_to_timestamp(column) -%}
    {{ return(adapter.dispatch('unix_seconds_to_timestamp', 'wa_crm_analytics')(column)) }}
{%- endmacro %}

{% macro default__unix_seconds_to_timestamp(column) -%}
    {%- set seconds = dbt.safe_cast(column, dbt.type_bigint()) -%}
    case
        when {{ seconds }} between 0 and 253402300799
            then {{ dbt.dateadd('second', seconds, dbt.cast("'1970-01-01 00:00:00'", dbt.type_timestamp())) }}
    end
{%- endmacro %}

{% macro duckdb__unix_seconds_to_timestamp(column) -%}
    case
        when try_cast({{ column }} as bigint) between 0 and 253402300799
            then make_timestamp(try_cast({{ column }} as bigint) * 1000000)
    end
{%- endmacro %}

{% macro spark__unix_seconds_to_timestamp(column) -%}
    case
        when cast({{ column }} as bigint) between 0 and 253402300799
            then timestamp_seconds(cast({{ column }} as bigint))
    end
{%- endmacro %}
