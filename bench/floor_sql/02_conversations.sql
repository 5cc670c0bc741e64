-- Hand-written floor, part 2: conversations (DESIGN §4), each customer message's wait for an answer, and the
-- campaign mart (DESIGN §5), from floor.messages. One sort of each contact's messages serves the conversation split
-- (a silence longer than 24 h starts one; a running sum numbers them) and the response timing (the business's next
-- human and automated replies): the pipeline's int_messages_responded does the latter in a second pass, with a range
-- join back to the conversations. Messages at the same second always share a conversation, so ordering an inbound
-- message before a reply of the same second (as response timing needs) numbers conversations the same.
-- Reporting time zone: UTC.

create or replace temp table timeline as
with

ordered as (
    select
        contact_key, message_id, sent_at, direction, sender_type, campaign_name, inbox_conversation_id,
        final_status, pricing_category, pricing_type,
        lag(sent_at) over contact_order as previous_sent_at,
        lag(direction) over contact_order as previous_direction,
        max(case when direction = 'inbound' then sent_at end) over (
            contact_order rows between unbounded preceding and current row
        ) as last_inbound_at
    from floor.messages
    where contact_key is not null and sent_at is not null
    window contact_order as (
        partition by contact_key order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
    )
),

-- A bot's message, or an agent's within 60 s of the customer's latest message, is an automated reply; any other
-- agent message is a human reply; campaign sends are neither.
classified as (
    select
        *,
        case when previous_sent_at is null or date_diff('second', previous_sent_at, sent_at) > 24 * 3600
            then 1 else 0 end as is_start,
        direction = 'outbound' and (
            sender_type = 'bot'
            or (sender_type = 'agent' and date_diff('second', last_inbound_at, sent_at) <= 60)
        ) as is_automated_reply,
        direction = 'outbound' and sender_type = 'agent'
            and coalesce(date_diff('second', last_inbound_at, sent_at) > 60, true) as is_human_reply
    from ordered
)

select
    contact_key, message_id, sent_at, direction, sender_type, campaign_name, inbox_conversation_id,
    final_status, pricing_category, pricing_type, last_inbound_at,
    coalesce(previous_direction, 'outbound') = 'outbound' as is_turn_start,
    sum(is_start) over (contact_order rows between unbounded preceding and current row) as conversation_number,
    min(case when is_human_reply then sent_at end) over (
        contact_order rows between 1 following and unbounded following
    ) as next_human_reply_at,
    min(case when is_automated_reply then sent_at end) over (
        contact_order rows between 1 following and unbounded following
    ) as next_automated_reply_at,
    -- The inbox's auto-reply bot (sender agent_bot), to tell its answers from an agent's instant ones.
    min(case when is_automated_reply and sender_type = 'bot' then sent_at end) over (
        contact_order rows between 1 following and unbounded following
    ) as next_bot_reply_at
from classified
window contact_order as (
    partition by contact_key order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
);

create or replace table floor.conversations as
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
    arg_min(message_id, (sent_at, message_id)) filter (where direction = 'inbound') as first_inbound_message_id,
    count(*) as message_count,
    count(*) filter (where direction = 'inbound') as inbound_message_count,
    count(*) filter (where direction = 'outbound') as outbound_message_count
from timeline
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
    ratio(delivered, sent) as delivery_rate,
    ratio(read, delivered) as read_rate,
    ratio(clicked, delivered) as click_through_rate,
    ratio(replied, delivered) as response_rate
from daily;
