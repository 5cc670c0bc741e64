{#-
    The current state of each record of a raw CRM table. Every pull lands a record as it was then,
    so one source_id can have several rows: keep the one updated last, breaking ties by the pull
    that landed it last.
-#}
{% macro latest_versions(relation) %}
    select * from (
        select
            *,
            row_number() over (
                partition by source_id
                order by updated_at desc, extracted_at desc
            ) as version_rank
        from {{ relation }}
    ) as versions
    where version_rank = 1
{% endmacro %}
