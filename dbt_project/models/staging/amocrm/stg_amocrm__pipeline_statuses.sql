with

latest_versions as (

    {{ latest_versions(source('raw', 'amocrm_pipelines')) }}

),

statuses as (

    select
        latest_versions.source_id as pipeline_id,
        {{ json_text('latest_versions.payload', '$.name') }} as pipeline_name,
        coalesce({{ json_text('latest_versions.payload', '$.is_main') }} = 'true', false) as is_main_pipeline,
        {{ json_text('status.element', '$.id') }} as status_id,
        {{ json_text('status.element', '$.name') }} as status_name,
        {{ dbt.safe_cast(json_text('status.element', '$.sort'), dbt.type_int()) }} as status_sort,
        latest_versions.extracted_at
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$._embedded.statuses', 'status') }}

),

final as (

    select
        pipeline_id,
        pipeline_name,
        is_main_pipeline,
        status_id,
        status_name,
        status_sort,
        -- amoCRM's system statuses close every pipeline: 142 won, 143 lost.
        status_id = '142' as is_won_status,
        status_id = '143' as is_lost_status,
        extracted_at
    from statuses

)

select * from final
