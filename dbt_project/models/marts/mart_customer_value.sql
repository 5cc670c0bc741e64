with

purchases as (

    select * from {{ ref('int_purchases_flagged') }}

),

contact_months as (

    select * from {{ ref('int_contact_months_unioned') }}

),

active_months as (

    select
        contact_key,
        count(*) as months_active
    from contact_months
    group by contact_key

),

customers as (

    select
        contact_key,
        min(purchased_at) as first_purchase_at,
        max(purchased_at) as last_purchase_at,
        count(*) as won_deals,
        coalesce(sum(amount), 0) as lifetime_revenue,
        avg(amount) as average_deal_value,
        {{ dbt.bool_or('is_whatsapp_engaged') }} as is_whatsapp_engaged,
        count(case when is_whatsapp_engaged then 1 end) as whatsapp_engaged_purchases
    from purchases
    group by contact_key

),

final as (

    select
        customers.contact_key,
        customers.first_purchase_at,
        customers.last_purchase_at,
        customers.won_deals,
        customers.lifetime_revenue,
        customers.average_deal_value,
        coalesce(active_months.months_active, 0) as months_active,
        customers.is_whatsapp_engaged,
        customers.whatsapp_engaged_purchases
    from customers
    left join active_months
        on active_months.contact_key = customers.contact_key

)

select * from final
