with

contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_archived

),

identifiers as (

    select * from {{ ref('stg_identity__contact_identifiers') }}
    where identifier_kind = 'phone' and contact_key is not null

),

-- A CRM phone is read with the contact's country as the hint for numbers written without a country code.
final as (

    select
        contacts.hubspot_contact_id,
        coalesce(phone_keys.contact_key, mobile_keys.contact_key) as contact_key,
        contacts.created_at,
        contacts.updated_at
    from contacts
    left join identifiers as phone_keys
        on phone_keys.identifier = contacts.phone
        and phone_keys.region_hint = contacts.region_hint
    left join identifiers as mobile_keys
        on mobile_keys.identifier = contacts.mobile_phone
        and mobile_keys.region_hint = contacts.region_hint

)

select * from final
