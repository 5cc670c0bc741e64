{#- The Monday (a date) of the reporting-timezone ISO week of a UTC timestamp: weekly audits run on the team's
    Monday (DESIGN §6). -#}
{% macro week_start(timestamp_column) -%}
    cast({{ dbt.date_trunc('week', reporting_timestamp(timestamp_column)) }} as date)
{%- endmacro %}
