{#- The first day (a date) of the UTC month of a timestamp or date. -#}
{% macro month_start(column) -%}
    cast({{ dbt.date_trunc('month', column) }} as date)
{%- endmacro %}
