with

-- Each pull lands the record as it was then: keep its latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'hubspot_contacts')) }}

),

final as (

    select
        source_id as hubspot_contact_id,
        -- Phones stay exactly as typed (untrimmed): contact_identifiers is keyed by the raw string and the
        -- upper-cased region code. They only serve to look up a contact_key and never leave staging.
        nullif({{ json_text('payload', '$.properties.phone') }}, '') as phone,
        nullif({{ json_text('payload', '$.properties.mobilephone') }}, '') as mobile_phone,
        coalesce(upper({{ json_text('payload', '$.properties.hs_country_region_code') }}), '') as region_hint,
        lower({{ json_text('payload', '$.properties.lifecyclestage') }}) as lifecycle_stage,
        coalesce(
            {{ iso8601_to_timestamp(json_text('payload', '$.properties.createdate')) }},
            {{ iso8601_to_timestamp(json_text('payload', '$.createdAt')) }}
        ) as created_at,
        updated_at,
        coalesce({{ json_text('payload', '$.archived') }} = 'true', false) as is_archived,
        extracted_at
    from latest_versions

)

select * from final
