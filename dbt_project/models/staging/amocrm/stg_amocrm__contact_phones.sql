with

latest_versions as (

    {{ latest_versions(source('raw', 'amocrm_contacts')) }}

),

phone_fields as (

    select
        latest_versions.source_id as amocrm_contact_id,
        field.element as field_element
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$.custom_fields_values', 'field') }}
    where {{ json_text('field.element', '$.field_code') }} = 'PHONE'

),

phone_values as (

    select
        phone_fields.amocrm_contact_id,
        {{ json_text('phone.element', '$.value') }} as phone,
        {{ json_text('phone.element', '$.enum_code') }} as phone_type
    from phone_fields
    {{ unnest_json_array('phone_fields.field_element', '$.values', 'phone') }}

),

-- A contact can hold one number several times (typed twice, or as WORK and MOB): one row per string.
final as (

    select
        amocrm_contact_id,
        -- Exactly as typed (untrimmed): contact_identifiers is keyed by the raw string. Never leaves staging.
        phone,
        -- amoCRM contacts carry no country, so the number is read as written (contact_identifiers' hint '').
        '' as region_hint,
        min(phone_type) as phone_type
    from phone_values
    where phone is not null and phone <> ''
    group by amocrm_contact_id, phone

)

select * from final
