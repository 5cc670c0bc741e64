{#- The reporting-timezone calendar date of a UTC timestamp: the day a BI user sees (DESIGN §12, REPORTING_TIMEZONE). -#}
{% macro to_date(timestamp_column) -%}
    cast({{ dbt.date_trunc('day', reporting_timestamp(timestamp_column)) }} as date)
{%- endmacro %}
