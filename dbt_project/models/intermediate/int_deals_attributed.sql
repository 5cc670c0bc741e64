with

deals as (

    select * from {{ ref('int_deals_enriched') }}

),

conversations as (

    select * from {{ ref('int_conversations_split') }}

),

-- Deals belong to the canonical person; a conversation to its number's own key, mapped to the person here.
person_conversations as (

    select
        conversations.conversation_id,
        {{ canonical_contact_key('conversations') }} as contact_key,
        conversations.started_at
    from conversations
    {{ join_canonical_contact_keys('conversations') }}

),

-- Every conversation of the deal's contact that started at or before the deal, inside the window.
candidate_touches as (

    select
        deals.deal_id,
        conversations.conversation_id,
        row_number() over (
            partition by deals.deal_id
            order by conversations.started_at desc, conversations.conversation_id desc
        ) as touch_recency
    from deals
    inner join person_conversations as conversations
        on conversations.contact_key = deals.contact_key
        and conversations.started_at <= deals.created_at
        and deals.created_at <= {{ dbt.dateadd('day', var('attribution_window_days'), 'conversations.started_at') }}

),

-- Last touch: the latest such conversation takes the whole credit.
final as (

    select
        deals.deal_id,
        deals.source_system,
        deals.source_deal_id,
        deals.contact_key,
        last_touches.conversation_id,
        last_touches.conversation_id is not null as is_whatsapp_attributed,
        deals.lead_channel,
        deals.pipeline,
        deals.stage,
        deals.created_at,
        deals.closed_at,
        deals.amount,
        deals.currency,
        deals.is_won,
        deals.is_lost
    from deals
    left join candidate_touches as last_touches
        on last_touches.deal_id = deals.deal_id
        and last_touches.touch_recency = 1

)

select * from final
