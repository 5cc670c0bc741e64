{#- A CRM's contacts with the canonical contact_key of the person each belongs to (int_contact_keys_mapped), one
    row per live contact: the one place a CRM contact meets its person, for every CRM. -#}
{% macro crm_contacts_keyed(contacts_model, source_system, id_column, live_condition) %}

with

contacts as (

    select * from {{ ref(contacts_model) }}
    where {{ live_condition }}

),

contact_keys as (

    select * from {{ ref('int_contact_keys_mapped') }}
    where source_system = '{{ source_system }}'

),

final as (

    select
        contacts.{{ id_column }},
        contact_keys.contact_key,
        contact_keys.has_phone_key,
        contacts.created_at,
        contacts.updated_at
    from contacts
    left join contact_keys
        on contact_keys.source_record_id = contacts.{{ id_column }}

)

select * from final

{% endmacro %}
