with

conversations as (

    select * from {{ ref('stg_chatwoot__conversations') }}

),

inbox_messages as (

    select * from {{ ref('stg_chatwoot__messages') }}

),

identifiers as (

    select * from {{ ref('int_whatsapp_identifiers_keyed') }}

),

-- The inbox contact's person: its record in the identity merge, which joins it to the person's other numbers and
-- to their CRM and sheet records.
inbox_contact_keys as (

    select * from {{ ref('int_contact_keys_mapped') }}
    where source_system = 'chatwoot'

),

-- Messages the customer sees, in order: internal notes and activity lines are not part of the exchange.
exchanged_messages as (

    select
        conversation_id,
        chatwoot_message_id,
        sent_at,
        is_human_reply,
        lag(is_human_reply) over (
            partition by conversation_id
            order by sent_at, {{ dbt.safe_cast('chatwoot_message_id', dbt.type_bigint()) }}
        ) as previous_is_human_reply
    from inbox_messages
    where message_type in ('incoming', 'outgoing', 'template')
        and not is_private

),

-- A human reply turn: one or more human replies in a row, after the customer (or a bot) last spoke.
reply_turns as (

    select
        conversation_id,
        count(case when is_human_reply and not coalesce(previous_is_human_reply, false) then 1 end)
            as human_reply_turns,
        count(case when is_human_reply then 1 end) as human_replies
    from exchanged_messages
    group by conversation_id

),

-- Chatwoot writes an activity line when a conversation is resolved (English UI text, "Conversation was resolved
-- by <agent>"); a conversation reopened and resolved again counts from its last resolution.
resolutions as (

    select
        conversation_id,
        max(sent_at) as resolved_activity_at
    from inbox_messages
    where message_type = 'activity'
        and lower(content) like 'conversation was resolved%'
    group by conversation_id

),

final as (

    select
        conversations.conversation_id,
        coalesce(inbox_contact_keys.contact_key, phone_keys.contact_key, user_keys.contact_key) as contact_key,
        coalesce(conversations.assignee_agent_id, 'unassigned') as agent_id,
        conversations.status,
        conversations.created_at,
        conversations.first_reply_at,
        conversations.last_activity_at,
        -- Only a conversation resolved now has a resolution time: its resolved activity line, else its last activity.
        case
            when conversations.status = 'resolved'
                then coalesce(resolutions.resolved_activity_at, conversations.last_activity_at)
        end as resolved_at,
        coalesce(reply_turns.human_replies, 0) as human_replies,
        coalesce(reply_turns.human_reply_turns, 0) as human_reply_turns,
        -- First-contact resolution: resolved after exactly one human reply turn (no back-and-forth, no reopening
        -- by the customer's further questions); a conversation a bot alone closed is not counted as one.
        coalesce(conversations.status = 'resolved' and reply_turns.human_reply_turns = 1, false)
            as is_first_contact_resolution
    from conversations
    left join reply_turns
        on reply_turns.conversation_id = conversations.conversation_id
    left join resolutions
        on resolutions.conversation_id = conversations.conversation_id
    left join inbox_contact_keys
        on inbox_contact_keys.source_record_id = conversations.chatwoot_contact_id
    left join identifiers as phone_keys
        on phone_keys.identifier = conversations.phone_number
        and phone_keys.identifier_kind = 'phone'
    left join identifiers as user_keys
        on user_keys.identifier = conversations.contact_identifier
        and user_keys.identifier_kind = 'whatsapp_user_id'

)

select * from final
