with

latest_versions as (

    {{ latest_versions(source('raw', 'chatwoot_agents')) }}

),

final as (

    select
        source_id as agent_id,
        {{ json_text('payload', '$.name') }} as agent_name,
        lower({{ json_text('payload', '$.role') }}) as role,
        lower({{ json_text('payload', '$.availability_status') }}) as availability_status,
        coalesce({{ json_text('payload', '$.confirmed') }} = 'true', false) as is_confirmed,
        extracted_at
    from latest_versions

)

select * from final
