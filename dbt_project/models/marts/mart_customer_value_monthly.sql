with

purchases as (

    select * from {{ ref('int_purchases_flagged') }}

),

months as (

    select distinct purchase_month as report_month from purchases

),

-- Each customer in every month from their first purchase on, with what they had bought by the month's end.
customer_months as (

    select
        months.report_month,
        purchases.contact_key,
        sum(purchases.amount) as revenue_to_date,
        {{ dbt.bool_or('purchases.is_whatsapp_engaged') }} as is_whatsapp_engaged
    from months
    inner join purchases
        on purchases.purchase_month <= months.report_month
    group by months.report_month, purchases.contact_key

),

final as (

    select
        report_month,
        is_whatsapp_engaged,
        count(*) as customers,
        sum(revenue_to_date) as revenue_to_date,
        avg(revenue_to_date) as mean_clv_to_date
    from customer_months
    group by report_month, is_whatsapp_engaged

)

select * from final
