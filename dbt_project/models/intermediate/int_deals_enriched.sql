with

hubspot_deals as (

    select * from {{ ref('stg_hubspot__deals') }}
    where not is_archived

),

deal_contacts as (

    select * from {{ ref('stg_hubspot__deal_contacts') }}

),

hubspot_contacts as (

    select * from {{ ref('int_hubspot_contacts_keyed') }}

),

amocrm_leads as (

    select * from {{ ref('stg_amocrm__leads') }}
    where not is_deleted

),

amocrm_contacts as (

    select * from {{ ref('int_amocrm_contacts_keyed') }}

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

hubspot as (

    select
        'hubspot' as source_system,
        hubspot_deals.deal_id as source_deal_id,
        hubspot_deals.lead_channel,
        ranked_deal_contacts.contact_key,
        ranked_deal_contacts.hubspot_contact_id as crm_contact_id,
        hubspot_deals.pipeline,
        hubspot_deals.deal_stage as stage,
        hubspot_deals.amount,
        hubspot_deals.currency,
        hubspot_deals.created_at,
        hubspot_deals.closed_at,
        hubspot_deals.is_closed_won as is_won,
        hubspot_deals.is_closed_lost as is_lost
    from hubspot_deals
    left join ranked_deal_contacts
        on ranked_deal_contacts.deal_id = hubspot_deals.deal_id
        and ranked_deal_contacts.contact_rank = 1

),

-- An amoCRM lead belongs to its main contact. Its price is in the account's currency: amoCRM keeps one per account
-- (`GET /api/v4/account` → `currency`), so it is a setting, not a field of the lead.
amocrm as (

    select
        'amocrm' as source_system,
        amocrm_leads.lead_id as source_deal_id,
        amocrm_leads.lead_channel,
        amocrm_contacts.contact_key,
        amocrm_leads.amocrm_contact_id as crm_contact_id,
        amocrm_leads.pipeline_id as pipeline,
        amocrm_leads.status_id as stage,
        amocrm_leads.price as amount,
        '{{ var("amocrm_account_currency", "USD") }}' as currency,
        amocrm_leads.created_at,
        case when amocrm_leads.is_closed_won or amocrm_leads.is_closed_lost then amocrm_leads.closed_at end
            as closed_at,
        amocrm_leads.is_closed_won as is_won,
        amocrm_leads.is_closed_lost as is_lost
    from amocrm_leads
    left join amocrm_contacts
        on amocrm_contacts.amocrm_contact_id = amocrm_leads.amocrm_contact_id

),

unioned as (

    select * from hubspot
    union all
    select * from amocrm

),

-- Record ids are unique within one CRM only, so the deal is named by its CRM and its id there.
final as (

    select
        source_system || ':' || source_deal_id as deal_id,
        source_system,
        source_deal_id,
        lead_channel,
        contact_key,
        crm_contact_id,
        pipeline,
        stage,
        amount,
        currency,
        created_at,
        closed_at,
        is_won,
        is_lost
    from unioned

)

select * from final
