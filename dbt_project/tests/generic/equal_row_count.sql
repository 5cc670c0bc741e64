{#- Integrity test: a join did not fan out or drop rows. Passes when `model` has as many rows as
    `compare_model` restricted by `compare_where` (`model_where` restricts `model`: one part of a union). A mart
    that rolls rows up compares what it counted instead: `model_count` (say `sum(messages_sent)`) against
    `compare_count` (say `count(distinct contact_key)`) of the rows it rolled up. -#}
{% test equal_row_count(
    model, compare_model, compare_where='1 = 1', model_where='1 = 1', model_count='count(*)', compare_count='count(*)'
) %}

with model_rows as (
    select {{ model_count }} as row_count from {{ model }} where {{ model_where }}
),

compare_rows as (
    select {{ compare_count }} as row_count from {{ compare_model }} where {{ compare_where }}
)

select
    model_rows.row_count as model_row_count,
    compare_rows.row_count as compare_row_count
from model_rows
cross join compare_rows
where coalesce(model_rows.row_count, 0) <> coalesce(compare_rows.row_count, 0)

{% endtest %}
