with

deals as (

    select * from {{ ref('int_deals_enriched') }}
    where created_at is not null

),

channel_spend as (

    select * from {{ ref('seed_channel_spend') }}

),

channels as (

    select 'whatsapp' as lead_channel
    union all select 'email'
    union all select 'sms'
    union all select 'web'
    union all select 'other'

),

-- Deals count in the month they were created; their wins and revenue follow them (a cohort), so the lead→won
-- rate compares like with like.
deal_months as (

    select
        {{ month_start('created_at') }} as report_month,
        lead_channel,
        count(*) as leads,
        count(case when is_won then 1 end) as won_deals,
        coalesce(sum(case when is_won then amount end), 0) as won_revenue
    from deals
    group by {{ month_start('created_at') }}, lead_channel

),

months as (

    select report_month from deal_months
    union
    select spend_month as report_month from channel_spend

),

joined as (

    select
        months.report_month,
        channels.lead_channel,
        coalesce(deal_months.leads, 0) as leads,
        coalesce(deal_months.won_deals, 0) as won_deals,
        coalesce(deal_months.won_revenue, 0) as won_revenue,
        channel_spend.spend as channel_spend,
        channel_spend.currency as spend_currency
    from months
    cross join channels
    left join deal_months
        on deal_months.report_month = months.report_month
        and deal_months.lead_channel = channels.lead_channel
    left join channel_spend
        on channel_spend.spend_month = months.report_month
        and channel_spend.channel = channels.lead_channel

),

final as (

    select
        report_month,
        lead_channel,
        leads,
        won_deals,
        won_revenue,
        channel_spend,
        spend_currency,
        {{ ratio('channel_spend', 'leads') }} as cost_per_lead,
        {{ ratio('channel_spend', 'won_deals') }} as cost_per_sale,
        {{ ratio('won_deals', 'leads') }} as lead_to_won_rate
    from joined

)

select * from final
