with

csv_rows as (

    select * from {{ ref('stg_csv__contacts') }}

),

hubspot_contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_archived

),

allowed_industries as (

    select * from {{ ref('seed_allowed_industries') }}

),

allowed_options as (

    select * from {{ ref('seed_allowed_contact_options') }}

),

-- Both places the team keeps contacts, with the fields DESIGN §6 requires. HubSpot stamps the first contact
-- (createdate) to the millisecond, so only the sheet can miss "first contact to the minute".
contact_records as (

    select
        'csv_sheet' as record_source,
        contact_name, industry, product_interest, budget_range, preferred_contact_time,
        has_first_contact_time,
        last_follow_up_date is not null as has_last_follow_up,
        extracted_at
    from csv_rows

    union all

    select
        'hubspot' as record_source,
        contact_name, industry, product_interest, budget_range, preferred_contact_time,
        created_at is not null as has_first_contact_time,
        last_follow_up_date is not null as has_last_follow_up,
        extracted_at
    from hubspot_contacts

),

judged as (

    select
        record_source,
        extracted_at,
        contact_name is not null
            and industry in (select industry from allowed_industries)
            and product_interest is not null
            and has_first_contact_time
            and has_last_follow_up
            and budget_range in (select allowed_value from allowed_options where field_name = 'budget_range')
            and preferred_contact_time in (
                select allowed_value from allowed_options where field_name = 'preferred_contact_time'
            ) as is_complete
    from contact_records

),

-- A snapshot of every record as of the latest landing: the audit week is that landing's week.
snapshot as (

    select {{ week_start('max(extracted_at)') }} as week_start_date
    from judged

),

weekly as (

    select
        snapshot.week_start_date,
        judged.record_source,
        count(*) as records,
        count(case when judged.is_complete then 1 end) as complete_records
    from judged
    cross join snapshot
    group by snapshot.week_start_date, judged.record_source

),

final as (

    select
        week_start_date,
        record_source,
        records,
        complete_records,
        {{ ratio('complete_records', 'records') }} as completeness
    from weekly

)

select * from final
