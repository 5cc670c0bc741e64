with

records as (

    select * from {{ source('raw', 'hubspot_contacts') }}

),

-- Each pull lands the record as it was then: keep its latest version.
latest_versions as (

    select
        *,
        row_number() over (
            partition by source_id
            order by updated_at desc, extracted_at desc
        ) as version_rank
    from records

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
    where version_rank = 1

)

select * from final
