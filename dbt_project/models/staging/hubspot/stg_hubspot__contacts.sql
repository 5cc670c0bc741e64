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
        -- The completeness audit's required fields, as typed (PII stays in staging: only verdicts leave it).
        nullif(trim(concat_ws(' ',
            {{ json_text('payload', '$.properties.firstname') }},
            {{ json_text('payload', '$.properties.lastname') }}
        )), '') as contact_name,
        nullif(lower(trim({{ json_text('payload', '$.properties.email') }})), '') as email,
        nullif(trim({{ json_text('payload', '$.properties.industry') }}), '') as industry,
        nullif(trim({{ json_text('payload', '$.properties.product_interest') }}), '') as product_interest,
        nullif(trim({{ json_text('payload', '$.properties.budget_range') }}), '') as budget_range,
        nullif(lower(trim({{ json_text('payload', '$.properties.preferred_contact_time') }})), '')
            as preferred_contact_time,
        {{ dbt.safe_cast(json_text('payload', '$.properties.last_follow_up_date'), 'date') }} as last_follow_up_date,
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
