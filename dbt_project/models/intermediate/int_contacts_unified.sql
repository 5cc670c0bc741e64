with

contact_keys as (

    select * from {{ ref('int_contact_keys_mapped') }}
    where contact_key is not null

),

messages as (

    select * from {{ ref('int_messages_resolved') }}
    where contact_key is not null

),

identifiers as (

    select * from {{ ref('stg_identity__contact_identifiers') }}
    where contact_key is not null and identifier_kind in ('phone', 'whatsapp_user_id')

),

hubspot_contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}

),

csv_contacts as (

    select * from {{ ref('stg_csv__contacts') }}

),

-- Messages carry the key of their own number: a person reached on two numbers is found through the mapping.
whatsapp_contacts as (

    select
        coalesce(contact_keys.contact_key, messages.contact_key) as contact_key,
        min(messages.sent_at) as first_message_at
    from messages
    left join contact_keys
        on contact_keys.source_system = 'whatsapp'
        and contact_keys.source_record_id = messages.contact_key
    group by coalesce(contact_keys.contact_key, messages.contact_key)

),

key_regions as (

    select
        contact_key,
        max(region) as region
    from identifiers
    group by contact_key

),

-- Several records of one source can be one person: the oldest stands for the source.
ranked_records as (

    select
        contact_keys.*,
        row_number() over (
            partition by contact_keys.contact_key, contact_keys.source_system
            order by contact_keys.first_seen_at, contact_keys.source_record_id
        ) as age_rank,
        count(*) over (partition by contact_keys.contact_key, contact_keys.source_system) as source_record_count
    from contact_keys

),

source_records as (

    select * from ranked_records
    where age_rank = 1

),

people as (

    select
        contact_key,
        {{ dbt.listagg('source_system', "','", "order by source_system") }} as source_systems,
        max(case when has_phone_key then 1 else 0 end) as has_phone_key,
        max(case when source_system = 'whatsapp' then 1 else 0 end) as has_whatsapp_record,
        max(case when source_system = 'hubspot' then source_record_id end) as hubspot_contact_id,
        max(case when source_system = 'hubspot' then source_record_count else 0 end) as hubspot_contact_count,
        max(case when source_system = 'amocrm' then source_record_id end) as amocrm_contact_id,
        max(case when source_system = 'chatwoot' then source_record_id end) as chatwoot_contact_id,
        max(case when source_system = 'csv' then source_record_id end) as csv_row_id,
        min(first_seen_at) as first_seen_at
    from source_records
    group by contact_key

),

-- Profile fields (not PII) come from the CRM where it has them, else from the customer sheet.
final as (

    select
        people.contact_key,
        coalesce(
            key_regions.region, nullif(hubspot_contacts.region_hint, ''), nullif(csv_contacts.region_hint, ''),
            'unknown'
        ) as country,
        people.has_phone_key = 1 as has_phone,
        whatsapp_contacts.contact_key is not null as is_whatsapp_contact,
        people.source_systems,
        people.hubspot_contact_id,
        people.hubspot_contact_count,
        people.amocrm_contact_id,
        people.chatwoot_contact_id,
        people.csv_row_id,
        coalesce(hubspot_contacts.industry, csv_contacts.industry) as industry,
        csv_contacts.company_size as company_size_band,
        csv_contacts.contact_role,
        coalesce(hubspot_contacts.product_interest, csv_contacts.product_interest) as product_interest,
        coalesce(hubspot_contacts.budget_range, csv_contacts.budget_range) as budget_range,
        coalesce(hubspot_contacts.preferred_contact_time, csv_contacts.preferred_contact_time)
            as preferred_contact_time,
        case
            when whatsapp_contacts.first_message_at is null then people.first_seen_at
            when people.first_seen_at is null then whatsapp_contacts.first_message_at
            when people.first_seen_at < whatsapp_contacts.first_message_at then people.first_seen_at
            else whatsapp_contacts.first_message_at
        end as first_contact_at,
        whatsapp_contacts.first_message_at as first_whatsapp_message_at,
        case
            when csv_contacts.last_follow_up_date is null then hubspot_contacts.last_follow_up_date
            when hubspot_contacts.last_follow_up_date is null then csv_contacts.last_follow_up_date
            when hubspot_contacts.last_follow_up_date > csv_contacts.last_follow_up_date
                then hubspot_contacts.last_follow_up_date
            else csv_contacts.last_follow_up_date
        end as last_follow_up_date
    from people
    left join whatsapp_contacts
        on whatsapp_contacts.contact_key = people.contact_key
    left join key_regions
        on key_regions.contact_key = people.contact_key
    left join hubspot_contacts
        on hubspot_contacts.hubspot_contact_id = people.hubspot_contact_id
    left join csv_contacts
        on csv_contacts.csv_row_id = people.csv_row_id

)

select * from final
