{#- numerator / denominator, null when the denominator is zero or null (a rate with no base).
    Cast through numeric rather than dbt.type_float(), which is a 4-byte float on DuckDB (0.95 would read
    0.9499999 and fail a ≥ 95 % check). -#}
{% macro ratio(numerator, denominator) -%}
    case
        when {{ denominator }} <> 0
            then {{ dbt.cast(numerator, dbt.type_numeric()) }} / {{ denominator }}
    end
{%- endmacro %}
