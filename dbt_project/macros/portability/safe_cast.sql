{#- dbt-duckdb leaves dbt.safe_cast as a plain CAST, which fails the whole model on one bad CRM string;
    TRY_CAST gives null instead. Picked up through the `dispatch` search order in dbt_project.yml. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
