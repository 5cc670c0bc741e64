with

-- A changed sheet replaces its rows in raw, so every row here is current.
source_rows as (

    select * from {{ source('raw', 'csv_contacts') }}

),

parsed as (

    select
        source_file,
        line_number,
        nullif(trim({{ json_text('payload', '$.name') }}), '') as contact_name,
        -- Phones stay exactly as typed (untrimmed): contact_identifiers is keyed by the raw string.
        nullif({{ json_text('payload', '$.phone') }}, '') as phone,
        nullif({{ json_text('payload', '$.mobile') }}, '') as mobile_phone,
        nullif({{ json_text('payload', '$.whatsapp') }}, '') as whatsapp_phone,
        nullif(lower(trim({{ json_text('payload', '$.email') }})), '') as email,
        nullif(trim({{ json_text('payload', '$.company') }}), '') as company,
        trim({{ json_text('payload', '$.country') }}) as country_text,
        nullif(trim({{ json_text('payload', '$.industry') }}), '') as industry,
        nullif(trim({{ json_text('payload', '$.company_size') }}), '') as company_size,
        nullif(lower(trim({{ json_text('payload', '$.role') }})), '') as contact_role,
        nullif(trim({{ json_text('payload', '$.product_interest') }}), '') as product_interest,
        nullif(trim({{ json_text('payload', '$.budget_range') }}), '') as budget_range,
        nullif(lower(trim({{ json_text('payload', '$.preferred_contact_time') }})), '') as preferred_contact_time,
        nullif(trim({{ json_text('payload', '$.first_contact') }}), '') as first_contact_text,
        nullif(trim({{ json_text('payload', '$.last_follow_up') }}), '') as last_follow_up_text,
        nullif(trim({{ json_text('payload', '$.tags') }}), '') as tags_text,
        nullif(upper(trim({{ json_text('payload', '$.value_class') }})), '') as value_class,
        extracted_at
    from source_rows

),

final as (

    select
        source_file || ':' || {{ dbt.cast('line_number', dbt.type_string()) }} as csv_row_id,
        source_file,
        line_number,
        contact_name,
        phone,
        mobile_phone,
        whatsapp_phone,
        email,
        company,
        -- A two-letter country column is the region phones without a country code are read in.
        case when length(country_text) = 2 then upper(country_text) else '' end as region_hint,
        industry,
        company_size,
        contact_role,
        product_interest,
        budget_range,
        preferred_contact_time,
        first_contact_text,
        {{ dbt.safe_cast('first_contact_text', dbt.type_timestamp()) }} as first_contact_at,
        -- The completeness standard wants the first contact to the minute, not just a date.
        coalesce(length(first_contact_text) >= 16, false)
            and {{ dbt.safe_cast('first_contact_text', dbt.type_timestamp()) }} is not null as has_first_contact_time,
        last_follow_up_text,
        {{ dbt.safe_cast('last_follow_up_text', 'date') }} as last_follow_up_date,
        tags_text,
        value_class,
        extracted_at
    from parsed

)

select * from final
