with

deals as (

    select * from {{ ref('int_deals_attributed') }}

),

messages as (

    select * from {{ ref('int_messages_resolved') }}
    where contact_key is not null and sent_at is not null

),

-- "Now" is the warehouse's latest event, so rebuilding old data reproduces the alerts it raised then.
as_of as (

    select max(event_at) as as_of_at
    from (
        select max(sent_at) as event_at from messages
        union all
        select max(created_at) as event_at from deals
    ) as latest_events

),

open_deals as (

    select
        contact_key,
        count(*) as open_deals,
        min(created_at) as first_open_deal_created_at
    from deals
    where contact_key is not null and not is_won and not is_lost
    group by contact_key

),

-- A follow-up is a message an agent sent the contact (campaign sends are not a follow-up).
contact_messages as (

    select
        contact_key,
        max(case when direction = 'outbound' and sender_type = 'agent' then sent_at end) as last_followup_at,
        max(case when direction = 'inbound' then sent_at end) as last_inbound_at
    from messages
    group by contact_key

),

waits as (

    select
        open_deals.contact_key,
        open_deals.open_deals,
        contact_messages.last_followup_at,
        contact_messages.last_inbound_at,
        as_of.as_of_at,
        {{ dbt.datediff(
            'coalesce(contact_messages.last_followup_at, open_deals.first_open_deal_created_at)',
            'as_of.as_of_at',
            'day'
        ) }} as days_since_last_followup
    from open_deals
    cross join as_of
    left join contact_messages
        on contact_messages.contact_key = open_deals.contact_key

),

-- Quote and sample alerts need the date a quote or sample was sent (CRM stage history, amoCRM tags); none is
-- landed yet, so they stay null rather than guess.
final as (

    select
        contact_key,
        as_of_at,
        open_deals,
        last_followup_at,
        last_inbound_at,
        days_since_last_followup,
        days_since_last_followup > {{ var('followup_no_contact_days') }} as is_no_followup_alert,
        {{ dbt.cast('null', dbt.type_boolean()) }} as is_quote_unanswered_alert,
        {{ dbt.cast('null', dbt.type_boolean()) }} as is_sample_followup_alert
    from waits

)

select * from final
