-- Hand-written floor, part 8: churn and customer value (DESIGN §5), from the active months and purchases of part 7
-- and 5. Churned in month M: active in M - 1 and not in M; a repeat customer bought in an earlier month too.

create or replace table floor.mart_churn_monthly as
with

links as (
    select
        activity_month,
        lag(activity_month) over by_person = activity_month - interval 1 month as was_active_before,
        coalesce(lead(activity_month) over by_person = activity_month + interval 1 month, false) as is_active_after
    from floor.contact_months
    window by_person as (partition by contact_key order by activity_month)
),

active_counts as (
    select
        activity_month as report_month,
        count(*) as active_contacts,
        count(*) filter (where was_active_before) as retained_contacts
    from links
    group by all
),

churn_counts as (
    select
        (activity_month + interval 1 month)::date as report_month,
        count(*) as previously_active_contacts,
        count(*) filter (where not is_active_after) as churned_contacts
    from links
    group by all
),

purchase_counts as (
    select
        report_month,
        count(distinct contact_key) as purchasing_customers,
        count(distinct contact_key) filter (where report_month > first_month) as repeat_customers
    from (select *, min(report_month) over (partition by contact_key) as first_month from floor.purchases)
    group by all
)

select
    report_month,
    coalesce(columns(* exclude (report_month)), 0),
    ratio(churned_contacts, previously_active_contacts) as churn_rate,
    ratio(repeat_customers, purchasing_customers) as repeat_purchase_rate
from (select distinct activity_month as report_month from floor.contact_months) as months
left join active_counts using (report_month)
left join churn_counts using (report_month)
left join purchase_counts using (report_month);

create or replace table floor.mart_customer_value as
select
    contact_key,
    min(purchased_at) as first_purchase_at,
    max(purchased_at) as last_purchase_at,
    count(*) as won_deals,
    coalesce(sum(amount), 0) as lifetime_revenue,
    avg(amount) as average_deal_value,
    coalesce(any_value(months_active), 0) as months_active,
    bool_or(is_whatsapp_engaged) as is_whatsapp_engaged,
    count(*) filter (where is_whatsapp_engaged) as whatsapp_engaged_purchases
from floor.purchases
left join (
    select contact_key, count(*) as months_active from floor.contact_months group by contact_key
) as active_months using (contact_key)
group by contact_key;

-- Each customer in every month from their first purchase on, with what they had bought by the month's end.
create or replace table floor.mart_customer_value_monthly as
with

customer_months as (
    select
        contact_key,
        report_month,
        sum(amount) as revenue,
        bool_or(is_whatsapp_engaged) as is_engaged
    from floor.purchases
    group by all
),

months as (
    select distinct report_month from floor.purchases
),

to_date as (
    select
        months.report_month,
        customer_months.contact_key,
        sum(customer_months.revenue) as revenue_to_date,
        bool_or(customer_months.is_engaged) as is_whatsapp_engaged
    from months
    inner join customer_months on customer_months.report_month <= months.report_month
    group by all
)

select
    report_month,
    is_whatsapp_engaged,
    count(*) as customers,
    sum(revenue_to_date) as revenue_to_date,
    avg(revenue_to_date) as mean_clv_to_date
from to_date
group by all;
