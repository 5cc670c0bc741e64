{#- The UTC calendar date of a timestamp. -#}
{% macro to_date(timestamp_column) -%}
    cast({{ dbt.date_trunc('day', timestamp_column) }} as date)
{%- endmacro %}
