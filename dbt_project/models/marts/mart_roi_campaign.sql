with

conversations as (

    select * from {{ ref('int_conversations_split') }}
    where campaign_name is not null

),

attributed_deals as (

    select * from {{ ref('int_deals_attributed') }}
    where is_whatsapp_attributed

),

-- A campaign's sends, their cost and their recipients (distinct people reached) per month.
message_months as (

    {{ priced_message_months(['campaign_name'], 'priced_messages.campaign_name is not null') }}

),

-- A campaign earns the deals credited (last touch) to the conversations its sends opened, in the month they opened.
outcome_months as (

    select
        {{ month_start('conversations.started_at') }} as report_month,
        conversations.campaign_name,
        count(distinct conversations.conversation_id) as conversations_started,
        count(attributed_deals.deal_id) as leads,
        count(case when attributed_deals.is_won then 1 end) as won_deals,
        coalesce(sum(case when attributed_deals.is_won then attributed_deals.amount end), 0) as attributed_revenue
    from conversations
    left join attributed_deals
        on attributed_deals.conversation_id = conversations.conversation_id
    group by {{ month_start('conversations.started_at') }}, conversations.campaign_name

),

keys as (

    select report_month, campaign_name from message_months
    union
    select report_month, campaign_name from outcome_months

),

joined as (

    select
        keys.report_month,
        keys.campaign_name,
        coalesce(message_months.messages_sent, 0) as messages_sent,
        coalesce(message_months.marketing_messages, 0) as marketing_messages,
        coalesce(message_months.utility_messages, 0) as utility_messages,
        coalesce(message_months.authentication_messages, 0) as authentication_messages,
        coalesce(message_months.delivered, 0) as delivered,
        coalesce(message_months.recipients, 0) as recipients,
        coalesce(message_months.charged_messages, 0) as charged_messages,
        coalesce(message_months.messaging_cost, 0) as messaging_cost,
        coalesce(outcome_months.conversations_started, 0) as conversations_started,
        coalesce(outcome_months.leads, 0) as leads,
        coalesce(outcome_months.won_deals, 0) as won_deals,
        coalesce(outcome_months.attributed_revenue, 0) as attributed_revenue
    from keys
    left join message_months
        on message_months.report_month = keys.report_month
        and message_months.campaign_name = keys.campaign_name
    left join outcome_months
        on outcome_months.report_month = keys.report_month
        and outcome_months.campaign_name = keys.campaign_name

),

-- Platform, setup and training costs are not spread over campaigns: a campaign's cost is its messaging cost.
final as (

    select
        *,
        attributed_revenue * {{ var('gross_margin') }} as value_generated,
        {{ ratio('attributed_revenue * ' ~ var('gross_margin') ~ ' - messaging_cost', 'messaging_cost') }} * 100
            as roi_percent,
        {{ ratio('messaging_cost', 'leads') }} as cost_per_lead,
        {{ ratio('messaging_cost', 'won_deals') }} as cost_per_sale,
        {{ ratio('attributed_revenue', 'recipients') }} as revenue_per_recipient,
        {{ ratio('attributed_revenue', 'messaging_cost') }} as return_on_campaign_spend
    from joined

)

select * from final
