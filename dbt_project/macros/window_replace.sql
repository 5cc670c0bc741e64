{#-
    The `window_replace` incremental strategy: delete the run's window from the target, then insert what the model
    selected for it, so a re-run of a partition replaces exactly that partition (DESIGN §2, idempotent) and a day that
    lost its rows loses them in the mart too, which delete+insert on a unique key would miss.

    A model using it sets `window_column` (its date key) and may set `window_lookback_days` (how many days before the
    window it rewrites), and filters its own select with `in_window()` on the same column and days.
    Dispatched: DELETE + INSERT is standard SQL, but Spark and similar engines overwrite partitions instead.
-#}
{% macro get_incremental_window_replace_sql(arg_dict) %}
    {{ return(adapter.dispatch('window_replace_sql', 'wa_crm_analytics')(
        arg_dict['target_relation'],
        arg_dict['temp_relation'],
        arg_dict['dest_columns'],
        config.require('window_column'),
        config.get('window_lookback_days', 0),
    )) }}
{% endmacro %}

{% macro default__window_replace_sql(target, source, dest_columns, window_column, lookback_days) -%}
    {%- set columns = get_quoted_csv(dest_columns | map(attribute='name')) -%}
    delete from {{ target }}
    where {{ in_window(window_column, lookback_days=lookback_days) }};

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ source }}
{%- endmacro %}

{#- The config of a windowed model: `{{ config(**windowed_incremental('sent_date')) }}`.
    Dispatched: Spark's incremental materialization accepts only its own strategies, so there the same window is
    rewritten as `insert_overwrite` of the day partitions the run selected. One difference: a day that lost every
    row keeps its old partition on Spark, where `window_replace` empties it. -#}
{% macro windowed_incremental(window_column, lookback_days=0) -%}
    {%- set settings = {
        'materialized': 'incremental',
        'window_column': window_column,
        'window_lookback_days': lookback_days,
    } -%}
    {%- do settings.update(adapter.dispatch('windowed_incremental_strategy', 'wa_crm_analytics')(window_column)) -%}
    {{ return(settings) }}
{%- endmacro %}

{% macro default__windowed_incremental_strategy(window_column) -%}
    {{ return({'incremental_strategy': 'window_replace'}) }}
{%- endmacro %}

{% macro spark__windowed_incremental_strategy(window_column) -%}
    {{ return({'incremental_strategy': 'insert_overwrite', 'partition_by': [window_column], 'file_format': 'parquet'}) }}
{%- endmacro %}
