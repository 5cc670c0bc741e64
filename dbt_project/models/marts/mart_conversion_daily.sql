with

conversations as (

    select * from {{ ref('int_conversations_split') }}

),

-- A conversation is one number's thread; its country is its person's (int_contacts_unified is keyed by the
-- canonical person), found through the message that opened it.
opening_messages as (

    select * from {{ ref('int_messages_person_keyed') }}

),

contacts as (

    select * from {{ ref('int_contacts_unified') }}

),

attributed_deals as (

    select * from {{ ref('int_deals_attributed') }}
    where is_whatsapp_attributed

),

conversation_outcomes as (

    select
        conversation_id,
        count(*) as leads,
        count(case when is_won then 1 end) as won_deals,
        sum(case when is_won then amount else 0 end) as won_revenue
    from attributed_deals
    group by conversation_id

),

conversation_facts as (

    select
        {{ to_date('conversations.started_at') }} as conversation_date,
        coalesce(contacts.country, 'unknown') as country,
        conversations.started_by,
        coalesce(conversations.campaign_name, '(none)') as campaign_name,
        coalesce(conversation_outcomes.leads, 0) as leads,
        coalesce(conversation_outcomes.won_deals, 0) as won_deals,
        coalesce(conversation_outcomes.won_revenue, 0) as won_revenue
    from conversations
    left join opening_messages
        on opening_messages.message_id = conversations.conversation_id
    left join contacts
        on contacts.contact_key = opening_messages.contact_key
    left join conversation_outcomes
        on conversation_outcomes.conversation_id = conversations.conversation_id

),

daily as (

    select
        conversation_date,
        country,
        started_by,
        campaign_name,
        count(*) as conversations,
        {{ dbt.cast('sum(leads)', dbt.type_bigint()) }} as leads,
        {{ dbt.cast('sum(won_deals)', dbt.type_bigint()) }} as won_deals,
        sum(won_revenue) as won_revenue
    from conversation_facts
    group by conversation_date, country, started_by, campaign_name

),

final as (

    select
        conversation_date,
        country,
        started_by,
        campaign_name,
        conversations,
        leads,
        won_deals,
        won_revenue,
        {{ ratio('leads', 'conversations') }} as conversation_to_lead_rate,
        {{ ratio('won_deals', 'leads') }} as lead_to_won_rate,
        {{ ratio('won_deals', 'conversations') }} as conversation_to_won_rate
    from daily

)

select * from final
