-- Found through any of the contact's PHONE values, or its name and e-mail shared with another record of the person.
{{ crm_contacts_keyed('stg_amocrm__contacts', 'amocrm', 'amocrm_contact_id', 'not is_deleted') }}
