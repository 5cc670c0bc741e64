with

-- Events never change, but overlapping pulls can land one twice.
latest_versions as (

    {{ latest_versions(source('raw', 'amocrm_events')) }}

),

final as (

    select
        source_id as event_id,
        {{ json_text('payload', '$.entity_id') }} as lead_id,
        updated_at as changed_at,
        {{ json_text('payload', '$.value_before[0].lead_status.pipeline_id') }} as pipeline_id_before,
        {{ json_text('payload', '$.value_before[0].lead_status.id') }} as status_id_before,
        {{ json_text('payload', '$.value_after[0].lead_status.pipeline_id') }} as pipeline_id_after,
        {{ json_text('payload', '$.value_after[0].lead_status.id') }} as status_id_after,
        {{ json_text('payload', '$.created_by') }} as changed_by_user_id,
        extracted_at
    from latest_versions
    where {{ json_text('payload', '$.type') }} = 'lead_status_changed'
        and {{ json_text('payload', '$.entity_type') }} = 'lead'

)

select * from final
