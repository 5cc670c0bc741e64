with

events as (

    select * from {{ source('raw', 'whatsapp_webhook_events') }}
    where event_kind = 'status'

),

parsed as (

    select
        source_id as message_id,
        lower({{ json_text('payload', '$.status') }}) as status,
        {{ unix_seconds_to_timestamp(json_text('payload', '$.timestamp')) }} as status_at,
        nullif({{ json_text('payload', '$.recipient_id') }}, '') as recipient_wa_id,
        nullif({{ json_text('payload', '$.recipient_user_id') }}, '') as recipient_whatsapp_user_id,
        lower({{ json_text('payload', '$.pricing.category') }}) as pricing_category,
        lower({{ json_text('payload', '$.pricing.type') }}) as pricing_type,
        upper({{ json_text('payload', '$.pricing.pricing_model') }}) as pricing_model,
        {{ json_text('payload', '$.pricing.billable') }} as billable_text,
        {{ json_text('payload', '$.errors[0].code') }} as error_code,
        nullif({{ json_text('payload', '$.biz_opaque_callback_data') }}, '') as campaign_name,
        window_key,
        extracted_at,
        source_file,
        line_number,
        event_index
    from events

),

-- Meta delivers at least once: keep the first landed copy of each (message, status).
first_deliveries as (

    select
        *,
        row_number() over (
            partition by message_id, status
            order by extracted_at, source_file, line_number, event_index
        ) as delivery_number
    from parsed

),

final as (

    select
        message_id,
        status,
        status_at,
        recipient_wa_id,
        recipient_whatsapp_user_id,
        pricing_category,
        pricing_type,
        pricing_model,
        case billable_text when 'true' then true when 'false' then false end as is_billable,
        error_code,
        campaign_name,
        window_key,
        extracted_at
    from first_deliveries
    where delivery_number = 1

)

select * from final
