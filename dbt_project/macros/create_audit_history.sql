{#- The audit trail's table (the same definition as quality/audit_history.py), created empty when no check has
    written it yet, so a first build reads an empty history instead of failing. Its schema is created by a statement
    of its own before: Spark runs one statement at a time.
    Dispatched: the checks upsert on the primary key in DuckDB; engines without enforced keys get none. -#}
{% macro create_audit_history() -%}
    {{ return(adapter.dispatch('create_audit_history', 'wa_crm_analytics')()) }}
{%- endmacro %}

{% macro audit_history_columns() -%}
    {%- set text = dbt.type_string() -%}
    run_id {{ text }} not null, check_name {{ text }} not null, period {{ text }} not null, value double,
    threshold double not null, tolerance double not null, direction {{ text }} not null, unit {{ text }} not null,
    sample_size bigint, verdict {{ text }} not null, evaluated_at {{ dbt.type_timestamp() }} not null
{%- endmacro %}

{% macro default__create_audit_history() -%}
    create table if not exists audit_history.evaluations (
        {{ audit_history_columns() }},
        primary key (run_id, check_name, period)
    )
{%- endmacro %}

{% macro spark__create_audit_history() -%}
    create table if not exists audit_history.evaluations ({{ audit_history_columns() }}) using parquet
{%- endmacro %}
