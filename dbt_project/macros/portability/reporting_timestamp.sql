{#- The wall-clock time in the reporting time zone (var `reporting_timezone`, from REPORTING_TIMEZONE, default UTC) of
    a UTC timestamp without time zone: every day, week and month a BI user sees is cut from this, so "Monday" is the
    team's Monday. Dispatched: engines spell time-zone conversion differently; UTC needs none and skips it. -#}
{% macro reporting_timestamp(utc_timestamp) -%}
    {%- set timezone = var('reporting_timezone') -%}
    {%- if timezone == 'UTC' -%}
        {{ utc_timestamp }}
    {%- else -%}
        {{ return(adapter.dispatch('reporting_timestamp', 'wa_crm_analytics')(utc_timestamp, timezone)) }}
    {%- endif -%}
{%- endmacro %}

{#- SQL standard AT TIME ZONE (Postgres, Trino, DuckDB with its bundled ICU extension): the naive timestamp is read
    as UTC, then shown in the reporting zone. -#}
{% macro default__reporting_timestamp(utc_timestamp, timezone) -%}
    cast(({{ utc_timestamp }} at time zone 'UTC') at time zone '{{ timezone }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro spark__reporting_timestamp(utc_timestamp, timezone) -%}
    from_utc_timestamp({{ utc_timestamp }}, '{{ timezone }}')
{%- endmacro %}
