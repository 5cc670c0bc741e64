with

contact_months as (

    select * from {{ ref('int_contact_months_unioned') }}

),

purchases as (

    select * from {{ ref('int_purchases_flagged') }}

),

months as (

    select distinct activity_month as report_month from contact_months

),

-- Each contact-month paired with the same contact's activity in the month before and the month after.
activity_links as (

    select
        contact_months.contact_key,
        contact_months.activity_month,
        previous_months.contact_key is not null as was_active_before,
        next_months.contact_key is not null as is_active_after
    from contact_months
    left join contact_months as previous_months
        on previous_months.contact_key = contact_months.contact_key
        and previous_months.activity_month = {{ dbt.dateadd('month', -1, 'contact_months.activity_month') }}
    left join contact_months as next_months
        on next_months.contact_key = contact_months.contact_key
        and next_months.activity_month = {{ dbt.dateadd('month', 1, 'contact_months.activity_month') }}

),

active_counts as (

    select
        activity_month as report_month,
        count(*) as active_contacts,
        count(case when was_active_before then 1 end) as retained_contacts
    from activity_links
    group by activity_month

),

-- Churned in month M: active in M − 1 and not in M.
churn_counts as (

    select
        {{ dbt.dateadd('month', 1, 'activity_month') }} as report_month,
        count(*) as previously_active_contacts,
        count(case when not is_active_after then 1 end) as churned_contacts
    from activity_links
    group by {{ dbt.dateadd('month', 1, 'activity_month') }}

),

purchase_months as (

    select
        contact_key,
        purchase_month,
        purchase_month = min(purchase_month) over (partition by contact_key) as is_first_purchase_month
    from purchases

),

-- A month's buyers who had bought in an earlier month.
purchase_counts as (

    select
        purchase_month as report_month,
        count(distinct contact_key) as purchasing_customers,
        count(distinct case when not is_first_purchase_month then contact_key end) as repeat_customers
    from purchase_months
    group by purchase_month

),

final as (

    select
        months.report_month,
        coalesce(active_counts.active_contacts, 0) as active_contacts,
        coalesce(active_counts.retained_contacts, 0) as retained_contacts,
        coalesce(churn_counts.previously_active_contacts, 0) as previously_active_contacts,
        coalesce(churn_counts.churned_contacts, 0) as churned_contacts,
        {{ ratio('churn_counts.churned_contacts', 'churn_counts.previously_active_contacts') }} as churn_rate,
        coalesce(purchase_counts.purchasing_customers, 0) as purchasing_customers,
        coalesce(purchase_counts.repeat_customers, 0) as repeat_customers,
        {{ ratio('purchase_counts.repeat_customers', 'purchase_counts.purchasing_customers') }}
            as repeat_purchase_rate
    from months
    left join active_counts
        on active_counts.report_month = months.report_month
    left join churn_counts
        on churn_counts.report_month = months.report_month
    left join purchase_counts
        on purchase_counts.report_month = months.report_month

)

select * from final
