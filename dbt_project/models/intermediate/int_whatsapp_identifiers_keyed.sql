with

identifiers as (

    select * from {{ ref('stg_identity__contact_identifiers') }}

),

-- WhatsApp names a person by phone number (wa_id, or the inbox's E.164 with its +) or by a business-scoped user id,
-- always in international form, so only identifiers read without a region hint key a WhatsApp person.
final as (

    select
        identifier,
        identifier_kind,
        contact_key,
        region
    from identifiers
    where contact_key is not null
        and region_hint = ''
        and identifier_kind in ('phone', 'whatsapp_user_id')

)

select * from final
