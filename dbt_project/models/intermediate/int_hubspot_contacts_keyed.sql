-- Found through the contact's phone or mobile phone (each read in the contact's own country), or its name and e-mail
-- shared with another record of the person.
{{ crm_contacts_keyed('stg_hubspot__contacts', 'hubspot', 'hubspot_contact_id', 'not is_archived') }}
