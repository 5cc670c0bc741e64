with

-- A customer can change the rating: keep each response's latest landed copy.
latest_versions as (

    {{ latest_versions(source('raw', 'chatwoot_csat_responses')) }}

),

final as (

    select
        source_id as csat_response_id,
        {{ json_text('payload', '$.conversation_id') }} as conversation_id,
        {{ dbt.safe_cast(json_text('payload', '$.rating'), dbt.type_int()) }} as rating,
        nullif(trim({{ json_text('payload', '$.feedback_message') }}), '') as feedback_message,
        {{ json_text('payload', '$.assigned_agent.id') }} as agent_id,
        {{ json_text('payload', '$.contact.id') }} as chatwoot_contact_id,
        {{ json_text('payload', '$.message_id') }} as survey_message_id,
        {{ unix_seconds_to_timestamp(json_text('payload', '$.created_at')) }} as responded_at,
        extracted_at
    from latest_versions

)

select * from final
