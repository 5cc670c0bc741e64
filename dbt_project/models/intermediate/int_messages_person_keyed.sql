{#- The one place a message meets its person. Message models key a message by its own number (a conversation is one
    number's thread); a person may write from two numbers and also exist in a CRM, the sheet or the inbox, and
    int_contact_keys_mapped joins them into one canonical contact_key. Counting people (recipients, active contacts,
    cohorts, repliers, follow-ups) reads messages through this view, so a person with two numbers counts once. It is
    a view, never stored, so an identity merge never leaves a stale person key behind in an incremental table. -#}
with

messages as (

    select * from {{ ref('int_messages_resolved') }}
    where contact_key is not null

),

final as (

    select
        messages.message_id,
        {{ canonical_contact_key('messages') }} as contact_key,
        messages.contact_key as number_contact_key,
        messages.channel,
        messages.direction,
        messages.sender_type,
        messages.agent_id,
        messages.inbox_conversation_id,
        messages.sent_at,
        messages.sent_date,
        messages.final_status,
        messages.delivered_at,
        messages.read_at,
        messages.campaign_name,
        messages.pricing_category,
        messages.is_click,
        messages.is_click_reply
    from messages
    {{ join_canonical_contact_keys('messages') }}

)

select * from final
