{{ config(**windowed_incremental('sent_date')) }}

{#- Whole days before the window that can hold the inbound message opening a service window (one more for the
    23-hour day of a daylight-saving change). -#}
{%- set service_window_days = (var('customer_service_window_hours') / 24) | round(0, 'ceil') | int + 1 %}

with

messages as (

    select * from {{ ref('int_messages_resolved') }}
    -- A message whose time could not be read cannot be placed on a rate (int_messages_resolved warns about it).
    where sent_at is not null
        -- The day before the window too: its inbound messages open the service window of the window's first hours.
        and {{ in_window('sent_date', lookback_days=service_window_days) }}

),

-- Meta prices a message by the country code of the number it went to: the region of the message's own number.
markets as (

    select
        contact_key,
        max(region) as country
    from {{ ref('int_whatsapp_identifiers_keyed') }}
    group by contact_key

),

prices as (

    select * from {{ ref('seed_whatsapp_prices') }}

),

-- Each inbound message opens or resets the customer-service window: find the contact's latest inbound message at or
-- before every message (an inbound message in the same second comes first).
timelines as (

    select
        *,
        case when contact_key is not null then
            max(case when direction = 'inbound' then sent_at end) over (
                partition by contact_key
                order by sent_at, case when direction = 'inbound' then 0 else 1 end, message_id
                rows between unbounded preceding and current row
            )
        end as last_inbound_at
    from messages

),

outbound_messages as (

    select
        timelines.message_id,
        timelines.contact_key,
        timelines.sender_type,
        timelines.campaign_name,
        timelines.sent_at,
        {{ to_date('timelines.sent_at') }} as sent_date,
        timelines.final_status,
        -- Meta spells it authentication-international; the rate card's category uses an underscore.
        replace(timelines.pricing_category, '-', '_') as pricing_category,
        timelines.pricing_type,
        coalesce(timelines.final_status in ('delivered', 'read'), false) as is_delivered,
        coalesce(
            timelines.last_inbound_at is not null
            and timelines.sent_at <= {{ dbt.dateadd('hour', var('customer_service_window_hours'), 'timelines.last_inbound_at') }},
            false
        ) as is_in_service_window,
        coalesce(markets.country, 'unknown') as country
    from timelines
    left join markets
        on markets.contact_key = timelines.contact_key
    where timelines.direction = 'outbound'
        and {{ in_window(to_date('timelines.sent_at')) }}

),

-- Since 2025-07-01 only delivered template messages are charged; free are non-template (service) messages, utility
-- templates inside the customer-service window, and everything inside a free-entry-point window (DESIGN §11).
classified as (

    select
        *,
        pricing_category <> 'service' as is_template,
        case
            when sent_date < {{ dbt.cast("'2025-07-01'", 'date') }} then 'before_per_message_pricing'
            when pricing_category is null then 'unknown_category'
            when not is_delivered then 'not_delivered'
            when pricing_category = 'service' then 'non_template'
            when pricing_type = 'free_entry_point' then 'free_entry_point'
            when pricing_category = 'utility'
                and (is_in_service_window or pricing_type = 'free_customer_service') then 'service_window_utility'
            else 'charged'
        end as pricing_outcome
    from outbound_messages

),

-- The rate in force: the recipient market's own row with the latest effective date on or before the send date,
-- else the `default` (rest of world) row.
rate_candidates as (

    select
        classified.message_id,
        prices.market,
        prices.effective_date,
        prices.price,
        prices.currency,
        row_number() over (
            partition by classified.message_id
            order by case when prices.market = 'default' then 1 else 0 end, prices.effective_date desc
        ) as rate_rank
    from classified
    inner join prices
        on prices.category = classified.pricing_category
        and prices.market in (classified.country, 'default')
        and prices.effective_date <= classified.sent_date

),

final as (

    select
        classified.message_id,
        classified.contact_key,
        classified.sender_type,
        classified.campaign_name,
        classified.sent_at,
        classified.sent_date,
        classified.final_status,
        classified.pricing_category,
        classified.pricing_type,
        classified.is_delivered,
        classified.is_template,
        classified.is_in_service_window,
        classified.pricing_outcome,
        classified.pricing_outcome = 'charged' as is_charged,
        rates.market,
        rates.effective_date as rate_effective_date,
        rates.price as unit_price,
        case
            when classified.pricing_outcome = 'charged' then rates.price
            when classified.pricing_outcome in ('before_per_message_pricing', 'unknown_category') then null
            else 0
        end as price,
        rates.currency
    from classified
    left join rate_candidates as rates
        on rates.message_id = classified.message_id
        and rates.rate_rank = 1

)

select * from final
