{{ config(**windowed_incremental('sent_date')) }}

with

inbound_messages as (

    select * from {{ ref('stg_whatsapp__messages') }}

),

statuses as (

    select * from {{ ref('stg_whatsapp__statuses') }}

),

-- The inbox's copy of a WhatsApp message carries its wamid as source_id: it says who wrote an outbound message.
inbox_messages as (

    select * from {{ ref('stg_chatwoot__messages') }}
    where whatsapp_message_id is not null

),

identifiers as (

    select * from {{ ref('int_whatsapp_identifiers_keyed') }}

),

-- Statuses arrive out of order, so the final status is the furthest one reached, never the last to arrive:
-- sent < failed < delivered < read (failed is terminal unless a delivery proves otherwise).
ranked_statuses as (

    select
        *,
        case status
            when 'sent' then 1
            when 'failed' then 2
            when 'delivered' then 3
            when 'read' then 4
        end as status_rank
    from statuses

),

outbound_messages as (

    select
        message_id,
        max(recipient_wa_id) as recipient_wa_id,
        max(recipient_whatsapp_user_id) as recipient_whatsapp_user_id,
        max(status_rank) as final_status_rank,
        min(case when status = 'sent' then status_at end) as sent_status_at,
        min(case when status = 'delivered' then status_at end) as delivered_at,
        min(case when status = 'read' then status_at end) as read_at,
        min(case when status = 'failed' then status_at end) as failed_at,
        min(status_at) as first_status_at,
        max(case when status = 'failed' then error_code end) as failed_error_code,
        max(error_code) as any_error_code,
        max(campaign_name) as campaign_name,
        max(pricing_category) as pricing_category,
        max(pricing_type) as pricing_type,
        max(pricing_model) as pricing_model,
        {{ dbt.bool_or('is_billable') }} as is_billable
    from ranked_statuses
    group by message_id

),

clicked_message_ids as (

    select distinct replied_to_message_id as message_id
    from inbound_messages
    where is_click and replied_to_message_id is not null

),

inbound_resolved as (

    select
        inbound_messages.message_id,
        inbound_messages.wa_id,
        inbound_messages.whatsapp_user_id,
        'inbound' as direction,
        'customer' as sender_type,
        {{ dbt.cast('null', dbt.type_string()) }} as agent_id,
        inbound_messages.message_type,
        inbound_messages.sent_at,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as sent_status_at,
        {{ dbt.cast('null', dbt.type_string()) }} as final_status,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as delivered_at,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as read_at,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as failed_at,
        {{ dbt.cast('null', dbt.type_string()) }} as error_code,
        {{ dbt.cast('null', dbt.type_string()) }} as campaign_name,
        {{ dbt.cast('null', dbt.type_string()) }} as pricing_category,
        {{ dbt.cast('null', dbt.type_string()) }} as pricing_type,
        {{ dbt.cast('null', dbt.type_string()) }} as pricing_model,
        {{ dbt.cast('null', dbt.type_boolean()) }} as is_billable,
        false as is_click,
        inbound_messages.is_click as is_click_reply,
        inbound_messages.replied_to_message_id,
        inbound_messages.has_text
    from inbound_messages

),

outbound_resolved as (

    select
        outbound_messages.message_id,
        outbound_messages.recipient_wa_id as wa_id,
        outbound_messages.recipient_whatsapp_user_id as whatsapp_user_id,
        'outbound' as direction,
        -- Only campaign sends carry biz_opaque_callback_data; the inbox tells a bot from a person for the rest. A
        -- message the inbox does not know (sent from the phone app or another tool) counts as an agent's.
        case
            when outbound_messages.campaign_name is not null then 'campaign'
            when inbox_messages.sender_type = 'bot' then 'bot'
            else 'agent'
        end as sender_type,
        case
            when outbound_messages.campaign_name is null and inbox_messages.sender_type = 'agent'
                then inbox_messages.agent_id
        end as agent_id,
        {{ dbt.cast('null', dbt.type_string()) }} as message_type,
        coalesce(outbound_messages.sent_status_at, outbound_messages.first_status_at) as sent_at,
        outbound_messages.sent_status_at,
        case outbound_messages.final_status_rank
            when 1 then 'sent'
            when 2 then 'failed'
            when 3 then 'delivered'
            when 4 then 'read'
        end as final_status,
        outbound_messages.delivered_at,
        outbound_messages.read_at,
        outbound_messages.failed_at,
        coalesce(outbound_messages.failed_error_code, outbound_messages.any_error_code) as error_code,
        outbound_messages.campaign_name,
        outbound_messages.pricing_category,
        outbound_messages.pricing_type,
        outbound_messages.pricing_model,
        outbound_messages.is_billable,
        clicked_message_ids.message_id is not null as is_click,
        false as is_click_reply,
        {{ dbt.cast('null', dbt.type_string()) }} as replied_to_message_id,
        {{ dbt.cast('null', dbt.type_boolean()) }} as has_text
    from outbound_messages
    left join inbox_messages
        on inbox_messages.whatsapp_message_id = outbound_messages.message_id
    left join clicked_message_ids
        on clicked_message_ids.message_id = outbound_messages.message_id

),

unioned as (

    select * from inbound_resolved
    union all
    select * from outbound_resolved

),

-- A person is keyed by phone when WhatsApp gave one, else by business-scoped user id (DESIGN §11).
final as (

    select
        unioned.message_id,
        'whatsapp' as channel,
        coalesce(phone_keys.contact_key, user_keys.contact_key) as contact_key,
        unioned.direction,
        unioned.sender_type,
        unioned.agent_id,
        inbox_messages.conversation_id as inbox_conversation_id,
        unioned.message_type,
        unioned.sent_at,
        {{ to_date('unioned.sent_at') }} as sent_date,
        unioned.final_status,
        unioned.sent_status_at,
        unioned.delivered_at,
        unioned.read_at,
        unioned.failed_at,
        unioned.error_code,
        unioned.campaign_name,
        unioned.pricing_category,
        unioned.pricing_type,
        unioned.pricing_model,
        unioned.is_billable,
        unioned.is_click,
        unioned.is_click_reply,
        unioned.replied_to_message_id,
        unioned.has_text
    from unioned
    left join inbox_messages
        on inbox_messages.whatsapp_message_id = unioned.message_id
    left join identifiers as phone_keys
        on phone_keys.identifier = unioned.wa_id
        and phone_keys.identifier_kind = 'phone'
    left join identifiers as user_keys
        on user_keys.identifier = unioned.whatsapp_user_id
        and user_keys.identifier_kind = 'whatsapp_user_id'

)

select * from final
where {{ in_window('sent_date') }}
