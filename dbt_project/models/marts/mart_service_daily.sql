with

inbound_messages as (

    select * from {{ ref('int_messages_responded') }}

),

inbox_conversations as (

    select * from {{ ref('int_inbox_conversations_resolved') }}
    where resolved_at is not null

),

-- The agents as last pulled: their role and availability are today's, not the day's.
agents as (

    select * from {{ ref('stg_chatwoot__agents') }}

),

csat_responses as (

    select * from {{ ref('stg_chatwoot__csat_responses') }}
    where rating is not null and responded_at is not null

),

-- The wait of a conversation's first customer message is its first response time; the wait of every customer turn
-- (the first message after the business last spoke) is a response time.
daily_inbound as (

    select
        sent_date as report_date,
        agent_id,
        count(*) as inbound_messages,
        count(case when is_first_inbound_of_conversation then 1 end) as conversations_with_inbound,
        count(case when is_turn_start then 1 end) as customer_turns,
        count(case when is_turn_start and next_human_reply_at is not null then 1 end) as human_replied_turns,
        count(case when is_turn_start and is_auto_replied then 1 end) as auto_replied_turns,
        count(case when is_turn_start and is_auto_replied and is_next_automated_reply_by_bot then 1 end)
            as bot_replied_turns,
        {{ percentile(
            'case when is_first_inbound_of_conversation then ' ~ minutes_between('sent_at', 'next_human_reply_at') ~ ' end',
            0.5
        ) }} as first_response_minutes_median,
        {{ percentile(
            'case when is_first_inbound_of_conversation then ' ~ minutes_between('sent_at', 'next_human_reply_at') ~ ' end',
            0.9
        ) }} as first_response_minutes_p90,
        {{ percentile(
            'case when is_turn_start then ' ~ minutes_between('sent_at', 'next_human_reply_at') ~ ' end',
            0.5
        ) }} as response_minutes_median
    from inbound_messages
    group by sent_date, agent_id

),

-- Resolutions count on the day the conversation was resolved, for the agent it is assigned to.
daily_resolutions as (

    select
        {{ to_date('resolved_at') }} as report_date,
        agent_id,
        count(*) as resolved_conversations,
        {{ percentile(minutes_between('created_at', 'resolved_at'), 0.5) }} as resolution_minutes_median,
        count(case when is_first_contact_resolution then 1 end) as first_contact_resolutions
    from inbox_conversations
    group by {{ to_date('resolved_at') }}, agent_id

),

-- A survey answer counts on the day it was given, for the agent it rates.
daily_csat as (

    select
        {{ to_date('responded_at') }} as report_date,
        coalesce(agent_id, 'unassigned') as agent_id,
        count(*) as csat_responses,
        avg(rating) as csat_mean
    from csat_responses
    group by {{ to_date('responded_at') }}, coalesce(agent_id, 'unassigned')

),

report_keys as (

    select report_date, agent_id from daily_inbound
    union
    select report_date, agent_id from daily_resolutions
    union
    select report_date, agent_id from daily_csat

),

final as (

    select
        report_keys.report_date,
        report_keys.agent_id,
        agents.role as agent_role,
        agents.availability_status as agent_availability_status,
        coalesce(daily_inbound.inbound_messages, 0) as inbound_messages,
        coalesce(daily_inbound.conversations_with_inbound, 0) as conversations_with_inbound,
        coalesce(daily_inbound.customer_turns, 0) as customer_turns,
        coalesce(daily_inbound.human_replied_turns, 0) as human_replied_turns,
        daily_inbound.first_response_minutes_median,
        daily_inbound.first_response_minutes_p90,
        daily_inbound.response_minutes_median,
        coalesce(daily_resolutions.resolved_conversations, 0) as resolved_conversations,
        daily_resolutions.resolution_minutes_median,
        {{ ratio('daily_resolutions.first_contact_resolutions', 'daily_resolutions.resolved_conversations') }}
            as first_contact_resolution_rate,
        coalesce(daily_inbound.auto_replied_turns, 0) as auto_replied_turns,
        {{ ratio('daily_inbound.auto_replied_turns', 'daily_inbound.customer_turns') }} as auto_reply_share,
        coalesce(daily_inbound.bot_replied_turns, 0) as bot_replied_turns,
        {{ ratio('daily_inbound.bot_replied_turns', 'daily_inbound.auto_replied_turns') }} as bot_share_of_auto_replies,
        daily_csat.csat_mean,
        coalesce(daily_csat.csat_responses, 0) as csat_responses
    from report_keys
    left join agents
        on agents.agent_id = report_keys.agent_id
    left join daily_inbound
        on daily_inbound.report_date = report_keys.report_date
        and daily_inbound.agent_id = report_keys.agent_id
    left join daily_resolutions
        on daily_resolutions.report_date = report_keys.report_date
        and daily_resolutions.agent_id = report_keys.agent_id
    left join daily_csat
        on daily_csat.report_date = report_keys.report_date
        and daily_csat.agent_id = report_keys.agent_id

)

select * from final
