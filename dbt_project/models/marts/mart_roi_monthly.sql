with

inbound_messages as (

    select * from {{ ref('int_messages_responded') }}

),

attributed_deals as (

    select * from {{ ref('int_deals_attributed') }}
    where is_whatsapp_attributed

),

purchases as (

    select * from {{ ref('int_purchases_flagged') }}
    where is_whatsapp_attributed

),

-- Messages, their cost and their recipients (distinct people reached) per month.
message_months as (

    {{ priced_message_months() }}

),

-- An automated answer to a customer's turn is the time an agent did not spend typing it.
automation_months as (

    select
        {{ month_start('sent_at') }} as report_month,
        count(*) as automated_replies
    from inbound_messages
    where is_turn_start and is_auto_replied
    group by {{ month_start('sent_at') }}

),

lead_months as (

    select
        {{ month_start('created_at') }} as report_month,
        count(*) as leads
    from attributed_deals
    group by {{ month_start('created_at') }}

),

-- Won deals credited to a WhatsApp conversation (last touch), counted in the month they were won.
sale_months as (

    select
        purchase_month as report_month,
        count(*) as won_deals,
        count(case when is_first_purchase then 1 end) as new_customers,
        coalesce(sum(amount), 0) as attributed_revenue
    from purchases
    group by purchase_month

),

months as (

    select report_month from message_months
    union
    select report_month from automation_months
    union
    select report_month from lead_months
    union
    select report_month from sale_months

),

-- The one-time setup cost is written off evenly over its first months, starting with the first reported month.
numbered_months as (

    select
        report_month,
        {{ dbt.datediff('min(report_month) over ()', 'report_month', 'month') }} as months_since_start
    from months

),

costed as (

    select
        numbered_months.report_month,
        coalesce(message_months.messages_sent, 0) as messages_sent,
        coalesce(message_months.marketing_messages, 0) as marketing_messages,
        coalesce(message_months.utility_messages, 0) as utility_messages,
        coalesce(message_months.authentication_messages, 0) as authentication_messages,
        coalesce(message_months.service_messages, 0) as service_messages,
        coalesce(message_months.charged_messages, 0) as charged_messages,
        coalesce(message_months.recipients, 0) as recipients,
        coalesce(message_months.messaging_cost, 0) as messaging_cost,
        {{ var('monthly_subscription_cost') }} as platform_cost,
        case
            when numbered_months.months_since_start < {{ var('setup_amortisation_months') }}
                then {{ dbt.cast(var('setup_cost'), dbt.type_numeric()) }} / {{ var('setup_amortisation_months') }}
            else 0
        end as setup_cost_amortised,
        {{ var('training_cost_monthly') }} as training_cost,
        coalesce(lead_months.leads, 0) as leads,
        coalesce(sale_months.won_deals, 0) as won_deals,
        coalesce(sale_months.new_customers, 0) as new_customers,
        coalesce(sale_months.attributed_revenue, 0) as attributed_revenue,
        coalesce(automation_months.automated_replies, 0) as automated_replies
    from numbered_months
    left join message_months
        on message_months.report_month = numbered_months.report_month
    left join automation_months
        on automation_months.report_month = numbered_months.report_month
    left join lead_months
        on lead_months.report_month = numbered_months.report_month
    left join sale_months
        on sale_months.report_month = numbered_months.report_month

),

valued as (

    select
        *,
        messaging_cost + platform_cost + setup_cost_amortised + training_cost as total_cost,
        {{ dbt.cast('automated_replies', dbt.type_numeric()) }}
            * {{ var('minutes_saved_per_automated_reply') }} / 60 as time_saved_hours
    from costed

),

-- DESIGN §5: value generated = attributed revenue × gross margin + time saved × hourly rate.
generated as (

    select
        *,
        time_saved_hours * {{ var('staff_hourly_rate') }} as time_saved_value,
        attributed_revenue * {{ var('gross_margin') }} + time_saved_hours * {{ var('staff_hourly_rate') }}
            as value_generated
    from valued

),

final as (

    select
        report_month,
        messages_sent,
        marketing_messages,
        utility_messages,
        authentication_messages,
        service_messages,
        charged_messages,
        recipients,
        messaging_cost,
        platform_cost,
        setup_cost_amortised,
        training_cost,
        total_cost,
        leads,
        won_deals,
        new_customers,
        attributed_revenue,
        automated_replies,
        time_saved_hours,
        time_saved_value,
        value_generated,
        {{ ratio('value_generated - total_cost', 'total_cost') }} * 100 as roi_percent,
        {{ ratio('total_cost', 'new_customers') }} as cost_per_acquisition,
        {{ ratio('total_cost', 'leads') }} as cost_per_lead,
        {{ ratio('total_cost', 'won_deals') }} as cost_per_sale,
        {{ ratio('attributed_revenue', 'recipients') }} as revenue_per_recipient,
        {{ ratio('attributed_revenue', 'messaging_cost') }} as return_on_campaign_spend
    from generated

)

select * from final
