with

messages as (

    select * from {{ ref('int_messages_resolved') }}
    where contact_key is not null

),

hubspot_contacts as (

    select * from {{ ref('int_hubspot_contacts_keyed') }}
    where contact_key is not null

),

identifiers as (

    select * from {{ ref('stg_identity__contact_identifiers') }}
    where contact_key is not null

),

whatsapp_contacts as (

    select
        contact_key,
        min(sent_at) as first_message_at
    from messages
    group by contact_key

),

-- Several CRM records can share one number: they are one person, represented by the oldest record.
ranked_crm_contacts as (

    select
        *,
        row_number() over (
            partition by contact_key
            order by created_at, hubspot_contact_id
        ) as age_rank,
        count(*) over (partition by contact_key) as hubspot_contact_count
    from hubspot_contacts

),

crm_contacts as (

    select
        contact_key,
        hubspot_contact_id,
        hubspot_contact_count,
        created_at as first_crm_created_at
    from ranked_crm_contacts
    where age_rank = 1

),

key_attributes as (

    select
        contact_key,
        max(region) as region,
        max(case when identifier_kind = 'phone' then 1 else 0 end) as has_phone
    from identifiers
    group by contact_key

),

contact_keys as (

    select contact_key from whatsapp_contacts
    union
    select contact_key from crm_contacts

),

final as (

    select
        contact_keys.contact_key,
        coalesce(key_attributes.region, 'unknown') as country,
        coalesce(key_attributes.has_phone = 1, false) as has_phone,
        whatsapp_contacts.contact_key is not null as is_whatsapp_contact,
        crm_contacts.hubspot_contact_id,
        coalesce(crm_contacts.hubspot_contact_count, 0) as hubspot_contact_count,
        case
            when whatsapp_contacts.first_message_at is null then crm_contacts.first_crm_created_at
            when crm_contacts.first_crm_created_at is null then whatsapp_contacts.first_message_at
            when crm_contacts.first_crm_created_at < whatsapp_contacts.first_message_at
                then crm_contacts.first_crm_created_at
            else whatsapp_contacts.first_message_at
        end as first_contact_at,
        whatsapp_contacts.first_message_at as first_whatsapp_message_at
    from contact_keys
    left join whatsapp_contacts
        on whatsapp_contacts.contact_key = contact_keys.contact_key
    left join crm_contacts
        on crm_contacts.contact_key = contact_keys.contact_key
    left join key_attributes
        on key_attributes.contact_key = contact_keys.contact_key

)

select * from final
