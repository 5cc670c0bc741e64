-- Hand-written floor, part 10: mart_followup_alerts (DESIGN §5): the people waiting for the business (an open deal,
-- or a quote or sample sent) and how long since an agent last wrote to them, at the snapshot of part 9. A quote is
-- answered by any message from the customer after it; a sample is followed up by an agent's message after it.

create or replace table floor.mart_followup_alerts as
with

open_deals as (
    select contact_key, count(*) as open_deals, min(created_at) as first_open_deal_created_at
    from floor.deals
    where contact_key is not null and not is_won and not is_lost
    group by contact_key
),

last_sales_events as (
    select
        contact_key,
        max(event_at) filter (where event_type = 'quote') as last_quote_at,
        max(event_at) filter (where event_type = 'sample') as last_sample_at
    from floor.sales_events
    where contact_key is not null
    group by contact_key
),

waiting as (
    select contact_key from open_deals union select contact_key from last_sales_events
),

-- A follow-up is a message an agent sent (campaign sends are not); only waiting people are read.
contact_messages as (
    select
        coalesce(people.contact_key, timeline.contact_key) as contact_key,
        max(timeline.sent_at) filter (where timeline.direction = 'outbound' and timeline.sender_type = 'agent')
            as last_followup_at,
        max(timeline.sent_at) filter (where timeline.direction = 'inbound') as last_inbound_at
    from timeline
    left join floor.people on people.source_system = 'whatsapp' and people.source_id = timeline.contact_key
    where coalesce(people.contact_key, timeline.contact_key) in (select contact_key from waiting)
    group by all
),

waits as (
    select
        waiting.contact_key,
        coalesce(open_deals.open_deals, 0) as open_deals,
        last_followup_at,
        last_inbound_at,
        last_quote_at,
        last_sample_at,
        as_of_at,
        date_diff('day', coalesce(last_followup_at, first_open_deal_created_at), as_of_at) as days_since_last_followup,
        date_diff('day', last_quote_at, as_of_at) as days_since_last_quote,
        date_diff('day', last_sample_at, as_of_at) as days_since_last_sample
    from waiting
    cross join floor.as_of
    left join open_deals using (contact_key)
    left join last_sales_events using (contact_key)
    left join contact_messages using (contact_key)
)

select
    contact_key,
    as_of_at,
    open_deals,
    last_followup_at,
    last_inbound_at,
    days_since_last_followup,
    coalesce(open_deals > 0 and days_since_last_followup > 7, false) as is_no_followup_alert,
    last_quote_at,
    days_since_last_quote,
    coalesce(days_since_last_quote >= 6 and (last_inbound_at is null or last_inbound_at < last_quote_at), false)
        as is_quote_unanswered_alert,
    last_sample_at,
    days_since_last_sample,
    coalesce(days_since_last_sample >= 14 and (last_followup_at is null or last_followup_at < last_sample_at), false)
        as is_sample_followup_alert
from waits;
