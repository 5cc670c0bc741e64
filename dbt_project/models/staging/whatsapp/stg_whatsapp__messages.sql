with

events as (

    select * from {{ source('raw', 'whatsapp_webhook_events') }}
    where event_kind = 'message'

),

-- Meta delivers at least once: keep the first landed copy of each message.
first_deliveries as (

    select
        *,
        row_number() over (
            partition by source_id
            order by extracted_at, source_file, line_number, event_index
        ) as delivery_number
    from events

),

parsed as (

    select
        source_id as message_id,
        nullif({{ json_text('payload', '$.from') }}, '') as wa_id,
        nullif({{ json_text('payload', '$.from_user_id') }}, '') as whatsapp_user_id,
        {{ unix_seconds_to_timestamp(json_text('payload', '$.timestamp')) }} as sent_at,
        coalesce(nullif({{ json_text('payload', '$.type') }}, ''), 'unknown') as message_type,
        {{ json_text('payload', '$.interactive.type') }} as interactive_type,
        nullif({{ json_text('payload', '$.context.id') }}, '') as replied_to_message_id,
        {{ json_text('payload', '$.text.body') }} as text_body,
        window_key,
        extracted_at
    from first_deliveries
    where delivery_number = 1

),

final as (

    select
        message_id,
        wa_id,
        whatsapp_user_id,
        sent_at,
        message_type,
        replied_to_message_id,
        (
            (message_type = 'interactive' and interactive_type in ('button_reply', 'list_reply'))
            or message_type = 'button'
        ) as is_click,
        coalesce(trim(text_body) <> '', false) as has_text,
        -- Kept in staging only, for keyword matching; never carried further.
        text_body,
        window_key,
        extracted_at
    from parsed

)

select * from final
