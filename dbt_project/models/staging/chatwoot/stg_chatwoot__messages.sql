with

-- A conversation's messages are landed again whenever it is re-pulled: keep each message's latest copy.
latest_versions as (

    {{ latest_versions(source('raw', 'chatwoot_messages')) }}

),

parsed as (

    select
        source_id as chatwoot_message_id,
        {{ json_text('payload', '$.conversation_id') }} as conversation_id,
        {{ dbt.safe_cast(json_text('payload', '$.message_type'), dbt.type_int()) }} as message_type_code,
        {{ json_text('payload', '$.sender.type') }} as chatwoot_sender_type,
        {{ json_text('payload', '$.sender.id') }} as sender_id,
        coalesce({{ json_text('payload', '$.private') }} = 'true', false) as is_private,
        {{ json_text('payload', '$.additional_attributes.campaign_id') }} is not null as is_campaign,
        {{ json_text('payload', '$.content_attributes.automation_rule_id') }} is not null as is_automation,
        nullif({{ json_text('payload', '$.source_id') }}, '') as source_id,
        {{ json_text('payload', '$.content_type') }} as content_type,
        {{ json_text('payload', '$.status') }} as delivery_status,
        {{ json_text('payload', '$.content') }} as content,
        {{ unix_seconds_to_timestamp(json_text('payload', '$.created_at')) }} as sent_at,
        extracted_at
    from latest_versions

),

final as (

    select
        chatwoot_message_id,
        conversation_id,
        case message_type_code
            when 0 then 'incoming'
            when 1 then 'outgoing'
            when 2 then 'activity'
            when 3 then 'template'
        end as message_type,
        -- Who wrote it; automation-rule messages come with no sender and count as the bot's.
        case
            when chatwoot_sender_type = 'contact' then 'customer'
            when chatwoot_sender_type = 'user' then 'agent'
            when chatwoot_sender_type = 'agent_bot' then 'bot'
            when message_type_code = 1 and is_automation then 'bot'
        end as sender_type,
        case when chatwoot_sender_type = 'user' then sender_id end as agent_id,
        is_private,
        is_campaign,
        -- DESIGN §11: outgoing, by a person (user), not an internal note, not an automation or campaign.
        coalesce(
            message_type_code = 1 and chatwoot_sender_type = 'user' and not is_private
            and not is_campaign and not is_automation,
            false
        ) as is_human_reply,
        -- The WhatsApp wamid when the message went through WhatsApp: joins stg_whatsapp__messages.message_id
        -- (inbound) and the statuses' message_id (outbound).
        case when source_id like 'wamid.%' then source_id end as whatsapp_message_id,
        content_type,
        delivery_status,
        -- Kept in staging only, like WhatsApp text bodies; never carried further.
        content,
        sent_at,
        extracted_at
    from parsed

)

select * from final
