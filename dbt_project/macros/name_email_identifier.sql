{#- The `name_email` identifier as ingestion writes it into raw.contact_identifiers: `<name> <<email>>`, from the
    name and address exactly as staging exposes them (trimmed; the address lower-cased). Null when either is. -#}
{% macro name_email_identifier(name_column, email_column) -%}
    {{ name_column }} || ' <' || {{ email_column }} || '>'
{%- endmacro %}
