with

contacts as (

    select * from {{ ref('stg_amocrm__contacts') }}
    where not is_deleted

),

contact_keys as (

    select * from {{ ref('int_contact_keys_mapped') }}
    where source_system = 'amocrm'

),

-- The canonical person: found through any of the contact's PHONE values, or through its name and e-mail shared
-- with another record of the same person. Leads, tags and sales events all credit people through this one model.
final as (

    select
        contacts.amocrm_contact_id,
        contact_keys.contact_key,
        contact_keys.has_phone_key,
        contacts.created_at,
        contacts.updated_at
    from contacts
    left join contact_keys
        on contact_keys.source_record_id = contacts.amocrm_contact_id

)

select * from final
