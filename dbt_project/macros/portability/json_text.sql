{#- The scalar at a JSONPath (`$.a.b[0].c`) of a JSON text column, as a string (null when absent).
    Dispatched: every engine spells JSON access differently, and raw payloads are JSON text. -#}
{% macro json_text(column, path) -%}
    {{ return(adapter.dispatch('json_text', 'wa_crm_analytics')(column, path)) }}
{%- endmacro %}

{#- SQL:2016 JSON_VALUE (Trino, Postgres 17, Snowflake-free engines). -#}
{% macro default__json_text(column, path) -%}
    json_value({{ column }}, '{{ path }}')
{%- endmacro %}

{% macro duckdb__json_text(column, path) -%}
    json_extract_string({{ column }}, '{{ path }}')
{%- endmacro %}

{% macro spark__json_text(column, path) -%}
    get_json_object({{ column }}, '{{ path }}')
{%- endmacro %}
