with

contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_archived

),

contact_keys as (

    select * from {{ ref('int_contact_keys_mapped') }}
    where source_system = 'hubspot'

),

-- The canonical person: found through the contact's phone or mobile phone (each read in the contact's own
-- country), or through its name and e-mail shared with another record of the same person.
final as (

    select
        contacts.hubspot_contact_id,
        contact_keys.contact_key,
        contact_keys.has_phone_key,
        contacts.created_at,
        contacts.updated_at
    from contacts
    left join contact_keys
        on contact_keys.source_record_id = contacts.hubspot_contact_id

)

select * from final
