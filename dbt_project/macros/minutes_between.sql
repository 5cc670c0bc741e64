{#- Minutes (with fractions) from `start` to `end`, counted in whole seconds. -#}
{% macro minutes_between(start, end) -%}
    {{ dbt.cast(dbt.datediff(start, end, 'second'), dbt.type_numeric()) }} / 60
{%- endmacro %}
