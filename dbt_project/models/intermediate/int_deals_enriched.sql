with

deals as (

    select * from {{ ref('stg_hubspot__deals') }}
    where not is_archived

),

deal_contacts as (

    select * from {{ ref('stg_hubspot__deal_contacts') }}

),

hubspot_contacts as (

    select * from {{ ref('int_hubspot_contacts_keyed') }}

),

-- A deal can be associated with several contacts; it is credited to one person: the associated contact
-- with the lowest HubSpot id among those whose phone resolves to a contact_key.
ranked_deal_contacts as (

    select
        deal_contacts.deal_id,
        deal_contacts.hubspot_contact_id,
        hubspot_contacts.contact_key,
        row_number() over (
            partition by deal_contacts.deal_id
            order by
                case when hubspot_contacts.contact_key is null then 1 else 0 end,
                {{ dbt.safe_cast('deal_contacts.hubspot_contact_id', dbt.type_bigint()) }},
                deal_contacts.hubspot_contact_id
        ) as contact_rank
    from deal_contacts
    left join hubspot_contacts
        on hubspot_contacts.hubspot_contact_id = deal_contacts.hubspot_contact_id

),

final as (

    select
        deals.deal_id,
        'hubspot' as source_system,
        deals.lead_channel,
        ranked_deal_contacts.contact_key,
        ranked_deal_contacts.hubspot_contact_id,
        deals.pipeline,
        deals.deal_stage as stage,
        deals.amount,
        deals.currency,
        deals.created_at,
        deals.closed_at,
        deals.is_closed_won as is_won,
        deals.is_closed_lost as is_lost
    from deals
    left join ranked_deal_contacts
        on ranked_deal_contacts.deal_id = deals.deal_id
        and ranked_deal_contacts.contact_rank = 1

)

select * from final
