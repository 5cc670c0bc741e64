{#- The first day (a date) of the reporting-timezone month of a UTC timestamp. -#}
{% macro month_start(timestamp_column) -%}
    cast({{ dbt.date_trunc('month', reporting_timestamp(timestamp_column)) }} as date)
{%- endmacro %}
