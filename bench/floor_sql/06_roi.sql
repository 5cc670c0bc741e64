-- Hand-written floor, part 6: mart_roi_monthly and mart_roi_campaign (DESIGN §5; the cost and value assumptions are
-- the project's dbt vars and price seed).
-- An outbound message's price needs the customer's latest inbound message before it (Meta's 24 h service window),
-- which part 2's timeline already carries: no second sort of the messages.

create or replace temp table priced as
with

outbound as (
    select contact_key, campaign_name, sent_at, final_status, pricing_category, pricing_type, last_inbound_at
    from timeline
    where direction = 'outbound'
    union all
    -- Messages without a contact are in no timeline; they have no service window.
    select contact_key, campaign_name, sent_at, final_status, pricing_category, pricing_type, null
    from floor.messages
    where direction = 'outbound' and contact_key is null and sent_at is not null
),

markets as (
    select contact_key, max(region) as country
    from raw.contact_identifiers
    where contact_key is not null and coalesce(region_hint, '') = ''
        and identifier_kind in ('phone', 'whatsapp_user_id')
    group by contact_key
),

classified as (
    select
        outbound.*,
        sent_at::date as sent_date,
        replace(pricing_category, '-', '_') as category,
        coalesce(final_status in ('delivered', 'read'), false) as is_delivered,
        coalesce(markets.country, 'unknown') as country,
        -- The person behind the number: recipients are people, one however many of their numbers were reached.
        coalesce(people.contact_key, outbound.contact_key) as person_key,
        case
            when sent_at::date < date '2025-07-01' then 'before_per_message_pricing'
            when pricing_category is null then 'unknown_category'
            when not coalesce(final_status in ('delivered', 'read'), false) then 'not_delivered'
            when replace(pricing_category, '-', '_') = 'service' then 'non_template'
            when pricing_type = 'free_entry_point' then 'free_entry_point'
            when replace(pricing_category, '-', '_') = 'utility'
                and (coalesce(sent_at <= last_inbound_at + interval 24 hour, false)
                    or pricing_type = 'free_customer_service') then 'service_window_utility'
            else 'charged'
        end as outcome
    from outbound
    left join markets using (contact_key)
    left join floor.people on people.source_system = 'whatsapp' and people.source_id = outbound.contact_key
)

-- The market's own rate before the default one, the latest in effect on the day.
select
    classified.*,
    case
        when outcome = 'charged' then (
            select arg_min(prices.price, (prices.market = 'default', -epoch(prices.effective_date)))
            from seeds.seed_whatsapp_prices as prices
            where prices.category = classified.category and prices.market in (classified.country, 'default')
                and prices.effective_date <= classified.sent_date
        )
        when outcome in ('before_per_message_pricing', 'unknown_category') then null
        else 0
    end as price
from classified;

-- The month's messages, whole and by campaign, in one aggregation.
create or replace temp table message_months as
select
    date_trunc('month', sent_at)::date as report_month,
    campaign_name,
    grouping(campaign_name) = 1 as is_month_total,
    count(*) as messages_sent,
    count(*) filter (where category = 'marketing') as marketing_messages,
    count(*) filter (where category = 'utility') as utility_messages,
    count(*) filter (where category in ('authentication', 'authentication_international')) as authentication_messages,
    count(*) filter (where category = 'service') as service_messages,
    count(*) filter (where is_delivered) as delivered,
    count(*) filter (where outcome = 'charged') as charged_messages,
    coalesce(sum(price), 0) as messaging_cost,
    count(distinct person_key) filter (where is_delivered) as recipients
from priced
group by grouping sets ((report_month), (report_month, campaign_name));

create or replace table floor.mart_roi_monthly as
with

month_messages as (
    select * exclude (campaign_name, is_month_total, delivered) from message_months where is_month_total
),

automation_months as (
    select date_trunc('month', sent_at)::date as report_month, count(*) as automated_replies
    from timeline
    where direction = 'inbound' and is_turn_start
        and date_diff('second', sent_at, next_automated_reply_at) <= 24 * 3600
        and (next_human_reply_at is null or next_automated_reply_at <= next_human_reply_at)
    group by all
),

lead_months as (
    select date_trunc('month', created_at)::date as report_month, count(*) as leads
    from floor.attributed_deals
    where conversation_id is not null
    group by all
),

sale_months as (
    select
        report_month,
        count(*) as won_deals,
        count(*) filter (where is_first_purchase) as new_customers,
        coalesce(sum(amount), 0) as attributed_revenue
    from floor.purchases
    where is_attributed
    group by all
),

months as (
    select report_month from month_messages
    union
    select report_month from automation_months
    union
    select report_month from lead_months
    union
    select report_month from sale_months
),

-- A month without messages, replies, leads or sales counts zero of them.
costed as (
    select
        report_month,
        coalesce(columns(* exclude (report_month)), 0),
        300 as platform_cost,
        -- Setup (6,000) written off over the first 12 months with data.
        case when date_diff('month', min(report_month) over (), report_month) < 12
            then 6000::decimal(28, 6) / 12 else 0 end
            as setup_cost_amortised,
        400 as training_cost
    from months
    left join month_messages using (report_month)
    left join automation_months using (report_month)
    left join lead_months using (report_month)
    left join sale_months using (report_month)
),

-- Value: revenue through a 35 % gross margin, plus 3 minutes of a 25-an-hour agent saved per automated reply.
valued as (
    select
        *,
        messaging_cost + platform_cost + setup_cost_amortised + training_cost as total_cost,
        automated_replies::decimal(28, 6) * 3 / 60 as time_saved_hours,
        automated_replies::decimal(28, 6) * 3 / 60 * 25 as time_saved_value,
        attributed_revenue * 0.35 + automated_replies::decimal(28, 6) * 3 / 60 * 25 as value_generated
    from costed
)

select
    *,
    ratio(value_generated - total_cost, total_cost) * 100 as roi_percent,
    ratio(total_cost, new_customers) as cost_per_acquisition,
    ratio(total_cost, leads) as cost_per_lead,
    ratio(total_cost, won_deals) as cost_per_sale,
    ratio(attributed_revenue, recipients) as revenue_per_recipient,
    ratio(attributed_revenue, messaging_cost)
        as return_on_campaign_spend
from valued;

create or replace table floor.mart_roi_campaign as
with

campaign_messages as (
    select * exclude (is_month_total, service_messages)
    from message_months
    where not is_month_total and campaign_name is not null
),

-- A campaign's conversations (opened by its send) and the deals they led to.
outcome_months as (
    select
        date_trunc('month', conversations.started_at)::date as report_month,
        conversations.campaign_name,
        count(distinct conversations.conversation_id) as conversations_started,
        count(deals.deal_id) as leads,
        count(*) filter (where deals.is_won) as won_deals,
        coalesce(sum(case when deals.is_won then deals.amount end), 0) as attributed_revenue
    from floor.conversations
    left join floor.attributed_deals as deals on deals.conversation_id = conversations.conversation_id
    where conversations.campaign_name is not null
    group by all
)

select
    *,
    attributed_revenue * 0.35 as value_generated,
    ratio(attributed_revenue * 0.35 - messaging_cost, messaging_cost) * 100
        as roi_percent,
    ratio(messaging_cost, leads) as cost_per_lead,
    ratio(messaging_cost, won_deals) as cost_per_sale,
    ratio(attributed_revenue, recipients) as revenue_per_recipient,
    ratio(attributed_revenue, messaging_cost)
        as return_on_campaign_spend
from (
    select report_month, campaign_name, coalesce(columns(* exclude (report_month, campaign_name)), 0)
    from campaign_messages
    full join outcome_months using (report_month, campaign_name)
);
