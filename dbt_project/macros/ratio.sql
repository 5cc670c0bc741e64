{#- numerator / denominator, null when the denominator is zero or null (a rate with no base).
    Cast through numeric rather than dbt.type_float(), which is a 4-byte float on DuckDB (0.95 would read
    0.9499999 and fail a ≥ 95 % check); DuckDB divides decimals as doubles.
    Dispatched: Spark keeps decimal division in decimals, rounded to the scale its precision rules leave (five
    places for these), so it divides doubles explicitly, as DuckDB does. -#}
{% macro ratio(numerator, denominator) -%}
    {{ return(adapter.dispatch('ratio', 'wa_crm_analytics')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__ratio(numerator, denominator) -%}
    case
        when {{ denominator }} <> 0
            then {{ dbt.cast(numerator, dbt.type_numeric()) }} / {{ denominator }}
    end
{%- endmacro %}

{% macro spark__ratio(numerator, denominator) -%}
    case
        when {{ denominator }} <> 0
            then cast({{ numerator }} as double) / {{ denominator }}
    end
{%- endmacro %}
