{#-
    The partition window of a run: the dbt vars `min_date` and `max_date`, reporting-timezone dates (inclusive) that
    Dagster passes for a partitioned run (orchestration/dbt_window.py). A run without them covers every date, so a
    plain `dbt build` or `--full-refresh` rebuilds everything (a full refresh *with* them would keep only the window).

    `lookback_days` / `lookahead_days` widen the window: a model whose rows of a day depend on neighbouring days reads
    (or rewrites) that much more, so its result does not depend on how a backfill range was cut.
-#}
{% macro partition_window(lookback_days=0, lookahead_days=0) %}
    {%- set min_date = var('min_date', none) -%}
    {%- set max_date = var('max_date', none) -%}
    {%- if min_date is none and max_date is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if min_date is none or max_date is none -%}
        {{ exceptions.raise_compiler_error("min_date and max_date go together, got " ~ min_date ~ " and " ~ max_date) }}
    {%- endif -%}
    {%- set day = modules.datetime.timedelta(days=1) -%}
    {%- set first = modules.datetime.date.fromisoformat(min_date | string) - day * lookback_days -%}
    {%- set last = modules.datetime.date.fromisoformat(max_date | string) + day * lookahead_days -%}
    {%- if last < first -%}
        {{ exceptions.raise_compiler_error("max_date " ~ max_date ~ " is before min_date " ~ min_date) }}
    {%- endif -%}
    {{ return([first.isoformat(), last.isoformat()]) }}
{% endmacro %}

{#- A predicate: `date_column` lies in the (widened) window. Rows without a date belong to no day, so every run
    rebuilds them: a windowed table then holds each of them exactly once, as a full refresh does. -#}
{% macro in_window(date_column, lookback_days=0, lookahead_days=0) -%}
    {%- set window = partition_window(lookback_days, lookahead_days) -%}
    {%- if window is none -%}
        1 = 1
    {%- else -%}
        ({{ date_column }} between {{ dbt.cast("'" ~ window[0] ~ "'", 'date') }}
            and {{ dbt.cast("'" ~ window[1] ~ "'", 'date') }}
            or {{ date_column }} is null)
    {%- endif -%}
{%- endmacro %}
