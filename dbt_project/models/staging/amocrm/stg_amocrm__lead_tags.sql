with

-- Tags belong to the lead's latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'amocrm_leads')) }}

),

tags as (

    select
        latest_versions.source_id as lead_id,
        {{ json_text('tag.element', '$.id') }} as tag_id,
        trim({{ json_text('tag.element', '$.name') }}) as tag_name,
        latest_versions.updated_at as lead_updated_at
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$._embedded.tags', 'tag') }}

),

final as (

    select
        lead_id,
        tag_name,
        min(tag_id) as tag_id,
        max(lead_updated_at) as lead_updated_at
    from tags
    where tag_name is not null and tag_name <> ''
    group by lead_id, tag_name

)

select * from final
