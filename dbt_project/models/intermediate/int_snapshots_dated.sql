with

messages as (

    select * from {{ ref('int_messages_resolved') }}

),

deals as (

    select * from {{ ref('int_deals_enriched') }}

),

tags as (

    select * from {{ ref('int_tags_assigned') }}

),

sales_events as (

    select * from {{ ref('int_sales_events_unioned') }}

),

-- "Now" of every snapshot mart is the warehouse's latest event, not the wall clock: rebuilding old data reproduces
-- the snapshot it gave then, and the follow-up alerts and the tag distribution are taken at one and the same moment.
latest_events as (

    select max(sent_at) as event_at from messages
    union all
    select max(created_at) from deals
    union all
    select max(last_updated_at) from tags
    union all
    select max(event_at) from sales_events

),

final as (

    select max(event_at) as as_of_at
    from latest_events

)

select * from final
