with

-- Each pull lands the record as it was then: keep its latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'amocrm_contacts')) }}

),

-- Emails live in the EMAIL custom field, one value per address: the first one stands for the contact.
emails as (

    select
        latest_versions.source_id as amocrm_contact_id,
        min(lower(trim({{ json_text('field.element', '$.values[0].value') }}))) as email
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$.custom_fields_values', 'field') }}
    where {{ json_text('field.element', '$.field_code') }} = 'EMAIL'
    group by latest_versions.source_id

),

final as (

    select
        latest_versions.source_id as amocrm_contact_id,
        -- Names and emails stay in staging (PII): later layers know people only by contact_key.
        nullif(trim({{ json_text('latest_versions.payload', '$.name') }}), '') as contact_name,
        nullif(emails.email, '') as email,
        {{ json_text('latest_versions.payload', '$.responsible_user_id') }} as responsible_user_id,
        {{ unix_seconds_to_timestamp(json_text('latest_versions.payload', '$.created_at')) }} as created_at,
        latest_versions.updated_at,
        coalesce({{ json_text('latest_versions.payload', '$.is_deleted') }} = 'true', false) as is_deleted,
        latest_versions.extracted_at
    from latest_versions
    left join emails on latest_versions.source_id = emails.amocrm_contact_id

)

select * from final
