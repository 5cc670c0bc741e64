with

conversations as (

    {{ latest_versions(source('raw', 'chatwoot_conversations')) }}

),

-- Labels belong to the conversation's latest version: one row per label it carries now.
labels as (

    select
        conversations.source_id as conversation_id,
        {{ json_text('label.element', '$') }} as label
    from conversations
    {{ unnest_json_array('conversations.payload', '$.labels', 'label') }}

),

final as (

    select distinct
        conversation_id,
        lower(trim(label)) as label
    from labels
    where label is not null and trim(label) <> ''

)

select * from final
