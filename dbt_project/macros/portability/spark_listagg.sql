{#- dbt-spark's listagg drops its ORDER BY (with a warning), so the list's order would follow the shuffle and
    differ from every other engine's. Spark can sort the collected list itself when the order is the measure's own,
    the only order this project uses. -#}
{% macro spark__listagg(measure, delimiter_and_quote, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        {{ exceptions.raise_compiler_error("listagg with a limit is not ported to Spark") }}
    {%- endif -%}
    {%- if order_by_clause and order_by_clause | trim | lower != 'order by ' ~ measure | trim | lower -%}
        {{ exceptions.raise_compiler_error("on Spark, listagg orders only by its measure, got: " ~ order_by_clause) }}
    {%- endif -%}
    {%- if order_by_clause -%}
        array_join(array_sort(collect_list({{ measure }})), {{ delimiter_and_quote }})
    {%- else -%}
        array_join(collect_list({{ measure }}), {{ delimiter_and_quote }})
    {%- endif -%}
{%- endmacro %}
