with

messages as (

    select * from {{ ref('int_messages_resolved') }}
    where contact_key is not null
        and sent_at is not null

),

keyword_matches as (

    select * from {{ ref('int_messages_keyword_matched') }}

),

conversations as (

    select * from {{ ref('int_conversations_split') }}

),

inbox_conversations as (

    select * from {{ ref('int_inbox_conversations_resolved') }}

),

-- One timeline per contact; an inbound message sent in the same second as a reply comes before it.
timelines as (

    select
        *,
        lag(direction) over (
            partition by contact_key
            order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
        ) as previous_direction,
        max(case when direction = 'inbound' then sent_at end) over (
            partition by contact_key
            order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
            rows between unbounded preceding and current row
        ) as last_inbound_at
    from messages

),

-- The inbox says which outbound messages a bot sent; a message it does not know counts as an agent's. A bot's
-- message, or an agent-labelled one sent within var('automated_reply_seconds') of the customer's latest message, is
-- an automated reply; any other agent message is a human reply. Campaign sends are neither.
replies as (

    select
        *,
        direction = 'outbound' and (
            sender_type = 'bot'
            or (
                sender_type = 'agent'
                and last_inbound_at is not null
                and {{ dbt.datediff('last_inbound_at', 'sent_at', 'second') }} <= {{ var('automated_reply_seconds') }}
            )
        ) as is_automated_reply
    from timelines

),

classified as (

    select
        *,
        direction = 'outbound' and sender_type = 'agent' and not is_automated_reply as is_human_reply
    from replies

),

next_replies as (

    select
        *,
        min(case when is_human_reply then sent_at end) over (
            partition by contact_key
            order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
            rows between 1 following and unbounded following
        ) as next_human_reply_at,
        min(case when is_automated_reply then sent_at end) over (
            partition by contact_key
            order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
            rows between 1 following and unbounded following
        ) as next_automated_reply_at,
        min(case when is_automated_reply and sender_type = 'bot' then sent_at end) over (
            partition by contact_key
            order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
            rows between 1 following and unbounded following
        ) as next_bot_reply_at
    from classified

),

inbound_messages as (

    select * from next_replies
    where direction = 'inbound'

),

-- Conversations of one contact never overlap, so each message falls in exactly one.
placed as (

    select
        inbound_messages.*,
        conversations.conversation_id,
        row_number() over (
            partition by conversations.conversation_id
            order by inbound_messages.sent_at, inbound_messages.message_id
        ) as inbound_number
    from inbound_messages
    inner join conversations
        on conversations.contact_key = inbound_messages.contact_key
        and inbound_messages.sent_at >= conversations.started_at
        and inbound_messages.sent_at <= conversations.last_message_at

),

final as (

    select
        placed.message_id,
        placed.contact_key,
        placed.conversation_id,
        placed.sent_at,
        {{ to_date('placed.sent_at') }} as sent_date,
        placed.inbound_number = 1 as is_first_inbound_of_conversation,
        -- The customer starts waiting with the first message after the business last spoke.
        coalesce(placed.previous_direction, 'outbound') = 'outbound' as is_turn_start,
        placed.has_text,
        coalesce(keyword_matches.is_keyword_matched, false) as is_keyword_matched,
        keyword_matches.matched_rule_id,
        keyword_matches.matched_intent,
        coalesce(keyword_matches.is_auto_reply_rule, false) as is_auto_reply_rule,
        (
            extract(hour from {{ reporting_timestamp('placed.sent_at') }}) < {{ var('business_hours')['start'] }}
            or extract(hour from {{ reporting_timestamp('placed.sent_at') }}) >= {{ var('business_hours')['end'] }}
        ) as is_outside_business_hours,
        placed.next_automated_reply_at,
        -- Auto-replied: the business's first answer was automated (a bot, or a reply within seconds), inside the
        -- same conversation; a bot that answers after a few minutes still answered.
        coalesce(
            {{ dbt.datediff('placed.sent_at', 'placed.next_automated_reply_at', 'second') }}
                <= {{ var('conversation_gap_hours') }} * 3600
            and (placed.next_human_reply_at is null or placed.next_automated_reply_at <= placed.next_human_reply_at),
            false
        ) as is_auto_replied,
        -- The next automated reply was the bot's (the inbox's agent_bot sender), not an agent's instant answer.
        coalesce(placed.next_bot_reply_at = placed.next_automated_reply_at, false) as is_next_automated_reply_by_bot,
        placed.next_human_reply_at,
        {{ dbt.datediff('placed.sent_at', 'placed.next_human_reply_at', 'second') }} as human_response_seconds,
        -- The agent the inbox conversation holding the message is assigned to: the one answerable for its replies.
        coalesce(inbox_conversations.agent_id, 'unassigned') as agent_id
    from placed
    left join keyword_matches
        on keyword_matches.message_id = placed.message_id
    left join inbox_conversations
        on inbox_conversations.conversation_id = placed.inbox_conversation_id

)

select * from final
