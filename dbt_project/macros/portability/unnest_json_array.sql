{#- A FROM-clause fragment, written right after the relation holding `column`, that yields one row per element
    of the JSON array at `path`, exposed as `<alias>.element` (the element as JSON text). A missing or empty
    array yields no row. Dispatched: lateral unnesting of JSON has no common syntax across engines. -#}
{% macro unnest_json_array(column, path, alias) -%}
    {{ return(adapter.dispatch('unnest_json_array', 'wa_crm_analytics')(column, path, alias)) }}
{%- endmacro %}

{#- SQL:2016 JSON_TABLE. -#}
{% macro default__unnest_json_array(column, path, alias) -%}
    cross join json_table(
        {{ column }}, '{{ path }}[*]'
        columns (element {{ dbt.type_string() }} format json path '$')
    ) as {{ alias }}
{%- endmacro %}

{% macro duckdb__unnest_json_array(column, path, alias) -%}
    cross join unnest(try_cast(json_extract({{ column }}, '{{ path }}') as json[])) as {{ alias }}(element)
{%- endmacro %}

{% macro spark__unnest_json_array(column, path, alias) -%}
    lateral view explode(from_json(get_json_object({{ column }}, '{{ path }}'), 'array<string>')) {{ alias }} as element
{%- endmacro %}
