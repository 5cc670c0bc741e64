with

tag_distribution as (

    select * from {{ ref('mart_tag_distribution') }}

),

-- DESIGN §6: no tag on more than 40 % of tagged contacts; the largest single-tag share is the value checked.
ranked as (

    select
        *,
        row_number() over (
            partition by snapshot_date, tag_source
            order by share_of_tagged_contacts desc, tag
        ) as share_rank
    from tag_distribution

),

final as (

    select
        cast({{ dbt.date_trunc('month', 'snapshot_date') }} as date) as month_start_date,
        snapshot_date,
        tag_source,
        tagged_contacts,
        tag as largest_tag,
        contacts_with_tag as largest_tag_contacts,
        share_of_tagged_contacts as largest_tag_share
    from ranked
    where share_rank = 1

)

select * from final
