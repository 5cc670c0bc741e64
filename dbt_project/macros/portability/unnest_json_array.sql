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

{#- Through VARIANT (Spark 4): `from_json(..., 'array<string>')` would give a string element without its quotes,
    which is no longer JSON text, while objects stay JSON; a variant keeps every element JSON. -#}
{% macro spark__unnest_json_array(column, path, alias) -%}
    lateral view explode(transform(
        try_cast(try_parse_json(get_json_object({{ column }}, '{{ path }}')) as array<variant>),
        json_element -> to_json(json_element)
    )) {{ alias }} as element
{%- endmacro %}
