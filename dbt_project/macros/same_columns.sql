{#- The join condition of two relations that share a key of several columns: `left.c = right.c` for each column,
    so a model joining many relations on one composite key writes the key once. -#}
{% macro same_columns(left, right, columns) -%}
    {%- for column in columns -%}
        {{ ' and ' if not loop.first }}{{ left }}.{{ column }} = {{ right }}.{{ column }}
    {%- endfor -%}
{%- endmacro %}
