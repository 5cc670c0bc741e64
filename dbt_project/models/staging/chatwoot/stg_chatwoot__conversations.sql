with

-- Each pull lands the conversation as it was then: keep its latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'chatwoot_conversations')) }}

),

final as (

    select
        source_id as conversation_id,
        lower({{ json_text('payload', '$.status') }}) as status,
        {{ json_text('payload', '$.inbox_id') }} as inbox_id,
        {{ json_text('payload', '$.meta.channel') }} as channel,
        {{ json_text('payload', '$.meta.sender.id') }} as chatwoot_contact_id,
        -- E.164 with its +, as WhatsApp gave it; only to look up a contact_key, never carried further.
        nullif({{ json_text('payload', '$.meta.sender.phone_number') }}, '') as phone_number,
        -- The WhatsApp inbox's contact identifier (a business-scoped user id), name and e-mail: PII, only to look up
        -- contact keys in contact_identifiers.
        nullif({{ json_text('payload', '$.meta.sender.identifier') }}, '') as contact_identifier,
        nullif(trim({{ json_text('payload', '$.meta.sender.name') }}), '') as contact_name,
        nullif(lower(trim({{ json_text('payload', '$.meta.sender.email') }})), '') as email,
        {{ json_text('payload', '$.meta.assignee.id') }} as assignee_agent_id,
        {{ unix_seconds_to_timestamp(json_text('payload', '$.created_at')) }} as created_at,
        {{ unix_seconds_to_timestamp(json_text('payload', '$.timestamp')) }} as last_activity_at,
        -- Chatwoot writes 0 when nobody has replied yet.
        {{ unix_seconds_to_timestamp("nullif(" ~ json_text('payload', '$.first_reply_created_at') ~ ", '0')") }}
            as first_reply_at,
        updated_at,
        extracted_at
    from latest_versions

)

select * from final
