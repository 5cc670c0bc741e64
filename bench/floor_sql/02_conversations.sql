-- Hand-written floor, part 2: conversations (DESIGN §4) and the campaign mart (DESIGN §5), from floor.messages.
-- One window pass over a contact's messages marks each silence longer than the gap (24 h) and numbers the
-- conversations with a running sum over the same ordering; one aggregation then gives each conversation its opening
-- message (arg_min) and counts. Reporting time zone: UTC.

create or replace table floor.conversations as
with

numbered as (
    select
        *,
        sum(is_start) over (
            partition by contact_key order by sent_at, message_id rows between unbounded preceding and current row
        ) as conversation_number
    from (
        select
            contact_key, message_id, sent_at, direction, sender_type, campaign_name,
            case
                when lag(sent_at) over contact_order is null then 1
                when date_diff('second', lag(sent_at) over contact_order, sent_at) > 24 * 3600 then 1
                else 0
            end as is_start
        from floor.messages
        where contact_key is not null and sent_at is not null
        window contact_order as (partition by contact_key order by sent_at, message_id)
    )
)

select
    arg_min(message_id, (sent_at, message_id)) as conversation_id,
    contact_key,
    conversation_number::bigint as conversation_number,
    min(sent_at) as started_at,
    max(sent_at) as last_message_at,
    case when arg_min(direction, (sent_at, message_id)) = 'inbound' then 'customer' else 'business' end as started_by,
    -- arg_min_null: the opening message's campaign, null when it was not a campaign send.
    arg_min_null(case when sender_type = 'campaign' then campaign_name end, (sent_at, message_id)) as campaign_name,
    min(case when direction = 'inbound' then sent_at end) as first_inbound_at,
    count(*) as message_count,
    count(*) filter (where direction = 'inbound') as inbound_message_count,
    count(*) filter (where direction = 'outbound') as outbound_message_count
from numbered
group by contact_key, conversation_number;

create or replace table floor.mart_engagement_campaign as
with

-- Replied: the recipient wrote anything within 24 hours after the send. One window over each contact's campaign
-- sends and inbound messages counts the inbound ones in (send, send + 24 h], instead of a range join.
sends as (
    select * from (
        select
            campaign_name,
            sent_at::date as send_date,
            direction,
            final_status,
            is_click,
            coalesce(sum(case when direction = 'inbound' then 1 else 0 end) over (
                partition by contact_key order by sent_at
                range between interval 1 microsecond following and interval 24 hour following
            ), 0) > 0 and contact_key is not null as is_replied
        from floor.messages
        where sent_at is not null and (direction = 'inbound' or campaign_name is not null)
    )
    where direction = 'outbound'
),

daily as (
    select
        campaign_name,
        send_date,
        count(*) as sent,
        count(*) filter (where final_status in ('delivered', 'read')) as delivered,
        count(*) filter (where final_status = 'read') as read,
        count(*) filter (where is_click) as clicked,
        count(*) filter (where is_replied) as replied,
        count(*) filter (where final_status = 'failed') as failed
    from sends
    group by campaign_name, send_date
)

select
    *,
    case when sent <> 0 then delivered::numeric / sent end as delivery_rate,
    case when delivered <> 0 then read::numeric / delivered end as read_rate,
    case when delivered <> 0 then clicked::numeric / delivered end as click_through_rate,
    case when delivered <> 0 then replied::numeric / delivered end as response_rate
from daily;
