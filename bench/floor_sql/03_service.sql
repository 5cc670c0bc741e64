-- Hand-written floor, part 3: mart_service_daily (DESIGN §5), from the timeline of part 2 and the inbox.
-- The wait of a conversation's first customer message is its first response time; the wait of every customer turn
-- (the first message after the business last spoke) is a response time. Resolutions count on the day the inbox
-- conversation was resolved, for its assignee; CSAT answers on the day they were given, for the agent they rate.

create or replace table floor.inbox_conversations as
with

latest as (
    select
        source_id as inbox_conversation_id,
        json_extract_string(payload, '$.meta.sender.id') as chatwoot_contact_id,
        json_extract(payload, '$.labels') as labels,
        lower(json_extract_string(payload, '$.status')) as status,
        coalesce(json_extract_string(payload, '$.meta.assignee.id'), 'unassigned') as agent_id,
        unix_time(json_extract_string(payload, '$.created_at')) as created_at,
        unix_time(json_extract_string(payload, '$.timestamp')) as last_activity_at
    from raw.chatwoot_conversations
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
),

-- A human reply turn: one or more human replies in a row, in the messages the customer sees.
reply_turns as (
    select
        inbox_conversation_id,
        count(*) filter (where is_human_reply and not coalesce(previous_is_human_reply, false)) as human_reply_turns
    from (
        select
            inbox_conversation_id,
            is_human_reply,
            lag(is_human_reply) over (partition by inbox_conversation_id order by sent_at, inbox_message_id)
                as previous_is_human_reply
        from floor.inbox_messages
        where message_type_code in (0, 1, 3) and not is_private
    )
    group by inbox_conversation_id
),

-- The inbox's "Conversation was resolved" activity line; a conversation reopened counts from its last resolution.
resolutions as (
    select inbox_conversation_id, max(sent_at) as resolved_activity_at
    from floor.inbox_messages
    where message_type_code = 2 and is_resolution_line
    group by inbox_conversation_id
)

select
    latest.inbox_conversation_id,
    chatwoot_contact_id,
    labels,
    agent_id,
    created_at,
    last_activity_at,
    case when status = 'resolved' then coalesce(resolved_activity_at, last_activity_at) end as resolved_at,
    coalesce(status = 'resolved' and human_reply_turns = 1, false) as is_first_contact_resolution
from latest
left join reply_turns using (inbox_conversation_id)
left join resolutions using (inbox_conversation_id);

create or replace table floor.mart_service_daily as
with

inbound as (
    select
        timeline.sent_at::date as report_date,
        coalesce(inbox.agent_id, 'unassigned') as agent_id,
        timeline.message_id = conversations.first_inbound_message_id as is_first_inbound,
        timeline.is_turn_start,
        timeline.next_human_reply_at is not null as is_human_replied,
        cast(date_diff('second', timeline.sent_at, timeline.next_human_reply_at) as decimal(28, 6)) / 60
            as wait_minutes,
        -- The business's first answer was automated, inside the same conversation's 24 h.
        coalesce(
            date_diff('second', timeline.sent_at, timeline.next_automated_reply_at) <= 24 * 3600
            and (timeline.next_human_reply_at is null
                or timeline.next_automated_reply_at <= timeline.next_human_reply_at),
            false
        ) as is_auto_replied,
        coalesce(timeline.next_bot_reply_at = timeline.next_automated_reply_at, false) as is_bot_replied
    from timeline
    inner join floor.conversations as conversations
        on conversations.contact_key = timeline.contact_key
        and conversations.conversation_number = timeline.conversation_number
    left join floor.inbox_conversations as inbox
        on inbox.inbox_conversation_id = timeline.inbox_conversation_id
    where timeline.direction = 'inbound'
),

daily_inbound as (
    select
        report_date,
        agent_id,
        count(*) as inbound_messages,
        count(*) filter (where is_first_inbound) as conversations_with_inbound,
        count(*) filter (where is_turn_start) as customer_turns,
        count(*) filter (where is_turn_start and is_human_replied) as human_replied_turns,
        count(*) filter (where is_turn_start and is_auto_replied) as auto_replied_turns,
        count(*) filter (where is_turn_start and is_auto_replied and is_bot_replied) as bot_replied_turns,
        quantile_cont(case when is_first_inbound then wait_minutes end, 0.5) as first_response_minutes_median,
        quantile_cont(case when is_first_inbound then wait_minutes end, 0.9) as first_response_minutes_p90,
        quantile_cont(case when is_turn_start then wait_minutes end, 0.5) as response_minutes_median
    from inbound
    group by report_date, agent_id
),

daily_resolutions as (
    select
        resolved_at::date as report_date,
        agent_id,
        count(*) as resolved_conversations,
        quantile_cont(cast(date_diff('second', created_at, resolved_at) as decimal(28, 6)) / 60, 0.5)
            as resolution_minutes_median,
        count(*) filter (where is_first_contact_resolution) as first_contact_resolutions
    from floor.inbox_conversations
    where resolved_at is not null
    group by all
),

daily_csat as (
    select
        unix_time(json_extract_string(payload, '$.created_at'))::date as report_date,
        coalesce(json_extract_string(payload, '$.assigned_agent.id'), 'unassigned') as agent_id,
        count(*) as csat_responses,
        avg(try_cast(json_extract_string(payload, '$.rating') as integer)) as csat_mean
    from (
        -- A customer can change the rating: each response's latest copy.
        select payload from raw.chatwoot_csat_responses
        qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
    )
    where try_cast(json_extract_string(payload, '$.rating') as integer) is not null
        and unix_time(json_extract_string(payload, '$.created_at')) is not null
    group by all
),

-- The agents as last pulled: their role and availability are today's, not the day's.
agents as (
    select
        source_id as agent_id,
        lower(json_extract_string(payload, '$.role')) as agent_role,
        lower(json_extract_string(payload, '$.availability_status')) as agent_availability_status
    from raw.chatwoot_agents
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
)

-- A day and agent without inbound messages, resolutions or answers counts zero of them; its medians stay unknown.
select
    report_date,
    agent_id,
    agent_role,
    agent_availability_status,
    coalesce(columns(lambda c: c in (
        'inbound_messages', 'conversations_with_inbound', 'customer_turns', 'human_replied_turns',
        'resolved_conversations', 'auto_replied_turns', 'bot_replied_turns', 'csat_responses'
    )), 0),
    first_response_minutes_median,
    first_response_minutes_p90,
    response_minutes_median,
    resolution_minutes_median,
    ratio(first_contact_resolutions, resolved_conversations) as first_contact_resolution_rate,
    ratio(auto_replied_turns, customer_turns) as auto_reply_share,
    ratio(bot_replied_turns, auto_replied_turns) as bot_share_of_auto_replies,
    csat_mean
from daily_inbound
full join daily_resolutions using (report_date, agent_id)
full join daily_csat using (report_date, agent_id)
left join agents using (agent_id);
