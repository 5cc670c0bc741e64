with

deals as (

    select * from {{ ref('int_deals_attributed') }}

),

messages as (

    -- The person behind each message (int_messages_person_keyed): the alerts are per person, across their numbers.
    select * from {{ ref('int_messages_person_keyed') }}
    where sent_at is not null

),

last_sales_events as (

    select * from {{ ref('int_sales_events_summarised') }}

),

as_of as (

    select * from {{ ref('int_snapshots_dated') }}

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

-- The people waiting for the business: an open deal, or a quote or sample sent to them.
waiting_contacts as (

    select contact_key from open_deals
    union
    select contact_key from last_sales_events

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
        waiting_contacts.contact_key,
        coalesce(open_deals.open_deals, 0) as open_deals,
        contact_messages.last_followup_at,
        contact_messages.last_inbound_at,
        last_sales_events.last_quote_at,
        last_sales_events.last_sample_at,
        as_of.as_of_at,
        {{ dbt.datediff(
            'coalesce(contact_messages.last_followup_at, open_deals.first_open_deal_created_at)',
            'as_of.as_of_at',
            'day'
        ) }} as days_since_last_followup,
        {{ dbt.datediff('last_sales_events.last_quote_at', 'as_of.as_of_at', 'day') }} as days_since_last_quote,
        {{ dbt.datediff('last_sales_events.last_sample_at', 'as_of.as_of_at', 'day') }} as days_since_last_sample
    from waiting_contacts
    cross join as_of
    left join open_deals
        on open_deals.contact_key = waiting_contacts.contact_key
    left join last_sales_events
        on last_sales_events.contact_key = waiting_contacts.contact_key
    left join contact_messages
        on contact_messages.contact_key = waiting_contacts.contact_key

),

-- A quote is answered by any message from the customer after it; a sample is followed up by an agent's message
-- after it. A contact without open deals has nothing to follow up on beyond its quotes and samples.
final as (

    select
        contact_key,
        as_of_at,
        open_deals,
        last_followup_at,
        last_inbound_at,
        days_since_last_followup,
        coalesce(open_deals > 0 and days_since_last_followup > {{ var('followup_no_contact_days') }}, false)
            as is_no_followup_alert,
        last_quote_at,
        days_since_last_quote,
        coalesce(
            days_since_last_quote >= {{ var('followup_quote_days') }}
            and (last_inbound_at is null or last_inbound_at < last_quote_at),
            false
        ) as is_quote_unanswered_alert,
        last_sample_at,
        days_since_last_sample,
        coalesce(
            days_since_last_sample >= {{ var('followup_sample_days') }}
            and (last_followup_at is null or last_followup_at < last_sample_at),
            false
        ) as is_sample_followup_alert
    from waits

)

select * from final
