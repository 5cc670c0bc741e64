with

won_deals as (

    select * from {{ ref('int_deals_attributed') }}
    where is_won and contact_key is not null

),

conversations as (

    select * from {{ ref('int_conversations_split') }}

),

-- Purchases belong to the canonical person; a conversation to its number's own key, mapped to the person here.
person_conversations as (

    select
        {{ canonical_contact_key('conversations') }} as contact_key,
        conversations.started_at,
        conversations.last_message_at
    from conversations
    {{ join_canonical_contact_keys('conversations') }}

),

-- A purchase happens when the deal closes won (its creation when HubSpot gave no close date).
purchases as (

    select
        deal_id,
        contact_key,
        coalesce(closed_at, created_at) as purchased_at,
        amount,
        currency,
        is_whatsapp_attributed
    from won_deals

),

-- WhatsApp-engaged: the customer had a conversation running at some point in the lookback days before the purchase.
engaged_purchases as (

    select distinct purchases.deal_id
    from purchases
    inner join person_conversations as conversations
        on conversations.contact_key = purchases.contact_key
        and conversations.started_at <= purchases.purchased_at
        and conversations.last_message_at
            >= {{ dbt.dateadd('day', -1 * var('engagement_lookback_days'), 'purchases.purchased_at') }}

),

final as (

    select
        purchases.deal_id,
        purchases.contact_key,
        purchases.purchased_at,
        {{ month_start('purchases.purchased_at') }} as purchase_month,
        purchases.amount,
        purchases.currency,
        purchases.is_whatsapp_attributed,
        engaged_purchases.deal_id is not null as is_whatsapp_engaged,
        row_number() over (
            partition by purchases.contact_key
            order by purchases.purchased_at, purchases.deal_id
        ) = 1 as is_first_purchase
    from purchases
    left join engaged_purchases
        on engaged_purchases.deal_id = purchases.deal_id

)

select * from final
