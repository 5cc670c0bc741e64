with

latest_versions as (

    {{ latest_versions(source('raw', 'hubspot_pipelines')) }}

),

stages as (

    select
        latest_versions.source_id as pipeline_id,
        {{ json_text('latest_versions.payload', '$.label') }} as pipeline_label,
        {{ json_text('stage.element', '$.id') }} as stage_id,
        {{ json_text('stage.element', '$.label') }} as stage_label,
        {{ dbt.safe_cast(json_text('stage.element', '$.displayOrder'), dbt.type_int()) }} as display_order,
        lower({{ json_text('stage.element', '$.metadata.isClosed') }}) = 'true' as is_closed,
        {{ dbt.safe_cast(json_text('stage.element', '$.metadata.probability'), dbt.type_numeric()) }}
            as probability,
        coalesce({{ json_text('stage.element', '$.archived') }} = 'true', false) as is_archived,
        latest_versions.extracted_at
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$.stages', 'stage') }}

),

-- HubSpot marks a closed stage won by its probability of 1 and lost by 0 (the stage's `metadata`).
final as (

    select
        pipeline_id,
        pipeline_label,
        stage_id,
        stage_label,
        display_order,
        case
            when not is_closed then 'open'
            when probability >= 1 then 'won'
            else 'lost'
        end as stage_outcome,
        is_archived,
        extracted_at
    from stages

)

select * from final
