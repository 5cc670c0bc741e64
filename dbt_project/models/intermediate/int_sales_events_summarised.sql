with

sales_events as (

    select * from {{ ref('int_sales_events_unioned') }}
    where contact_key is not null

),

-- The last quote and the last sample each person was sent: the evidence of the tag accuracy audit and the trigger
-- of the follow-up alerts, read the same way by both.
final as (

    select
        contact_key,
        max(case when event_type = 'quote' then event_at end) as last_quote_at,
        max(case when event_type = 'sample' then event_at end) as last_sample_at
    from sales_events
    group by contact_key

)

select * from final
