with

-- Each pull lands the record as it was then: keep its latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'amocrm_leads')) }}

),

lead_contacts as (

    select
        latest_versions.source_id as lead_id,
        {{ json_text('contact.element', '$.id') }} as amocrm_contact_id,
        {{ json_text('contact.element', '$.is_main') }} = 'true' as is_main
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$._embedded.contacts', 'contact') }}

),

-- The lead's main contact; a lead listing none as main falls back to its lowest contact id.
main_contacts as (

    select
        lead_id,
        coalesce(min(case when is_main then amocrm_contact_id end), min(amocrm_contact_id)) as amocrm_contact_id
    from lead_contacts
    group by lead_id

),

-- Custom field ids are per account, so the lead source is found by the field's name.
lead_sources as (

    select
        latest_versions.source_id as lead_id,
        min(trim({{ json_text('field.element', '$.values[0].value') }})) as lead_source
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$.custom_fields_values', 'field') }}
    where lower(trim({{ json_text('field.element', '$.field_name') }})) in ('источник', 'source', 'lead source')
    group by latest_versions.source_id

),

final as (

    select
        latest_versions.source_id as lead_id,
        {{ json_text('latest_versions.payload', '$.name') }} as lead_name,
        main_contacts.amocrm_contact_id,
        {{ json_text('latest_versions.payload', '$.pipeline_id') }} as pipeline_id,
        {{ json_text('latest_versions.payload', '$.status_id') }} as status_id,
        {{ dbt.safe_cast(json_text('latest_versions.payload', '$.price'), dbt.type_numeric()) }} as price,
        -- 142 and 143 are amoCRM's system statuses, the same in every pipeline.
        coalesce({{ json_text('latest_versions.payload', '$.status_id') }} = '142', false) as is_closed_won,
        coalesce({{ json_text('latest_versions.payload', '$.status_id') }} = '143', false) as is_closed_lost,
        lead_sources.lead_source,
        case
            when lower(lead_sources.lead_source) like '%whatsapp%' then 'whatsapp'
            when lower(lead_sources.lead_source) like '%mail%' then 'email'
            when lower(lead_sources.lead_source) like '%sms%' then 'sms'
            when lower(lead_sources.lead_source) like '%сайт%' or lower(lead_sources.lead_source) like '%web%'
                or lower(lead_sources.lead_source) like '%site%' then 'web'
            else 'other'
        end as lead_channel,
        {{ json_text('latest_versions.payload', '$.responsible_user_id') }} as responsible_user_id,
        {{ unix_seconds_to_timestamp(json_text('latest_versions.payload', '$.created_at')) }} as created_at,
        {{ unix_seconds_to_timestamp(json_text('latest_versions.payload', '$.closed_at')) }} as closed_at,
        latest_versions.updated_at,
        coalesce({{ json_text('latest_versions.payload', '$.is_deleted') }} = 'true', false) as is_deleted,
        latest_versions.extracted_at
    from latest_versions
    left join main_contacts on latest_versions.source_id = main_contacts.lead_id
    left join lead_sources on latest_versions.source_id = lead_sources.lead_id

)

select * from final
