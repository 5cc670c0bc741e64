{#- The continuous percentile (0 < fraction < 1) of `column` within a GROUP BY; the median is fraction 0.5.
    Dispatched: engines spell ordered-set aggregates differently. -#}
{% macro percentile(column, fraction) -%}
    {{ return(adapter.dispatch('percentile', 'wa_crm_analytics')(column, fraction)) }}
{%- endmacro %}

{#- SQL:2008 ordered-set aggregate (Postgres, Trino via approx only, Snowflake). -#}
{% macro default__percentile(column, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ column }})
{%- endmacro %}

{% macro duckdb__percentile(column, fraction) -%}
    quantile_cont({{ column }}, {{ fraction }})
{%- endmacro %}

{% macro spark__percentile(column, fraction) -%}
    percentile({{ column }}, {{ fraction }})
{%- endmacro %}
