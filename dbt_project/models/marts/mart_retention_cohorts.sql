with

contact_months as (

    select * from {{ ref('int_contact_months_unioned') }}

),

-- A contact's cohort is the month they were first active.
cohorts as (

    select
        contact_key,
        min(activity_month) as cohort_month
    from contact_months
    group by contact_key

),

cohort_sizes as (

    select
        cohort_month,
        count(*) as cohort_size
    from cohorts
    group by cohort_month

),

-- Every month from the cohort's own to the last one with any activity.
months as (

    select distinct activity_month as report_month from contact_months

),

cohort_months as (

    select
        cohort_sizes.cohort_month,
        months.report_month,
        cohort_sizes.cohort_size
    from cohort_sizes
    inner join months
        on months.report_month >= cohort_sizes.cohort_month

),

active_counts as (

    select
        cohorts.cohort_month,
        contact_months.activity_month as report_month,
        count(*) as active_contacts
    from contact_months
    inner join cohorts
        on cohorts.contact_key = contact_months.contact_key
    group by cohorts.cohort_month, contact_months.activity_month

),

final as (

    select
        cohort_months.cohort_month,
        {{ dbt.datediff('cohort_months.cohort_month', 'cohort_months.report_month', 'month') }} as months_since,
        cohort_months.report_month,
        cohort_months.cohort_size,
        coalesce(active_counts.active_contacts, 0) as active_contacts,
        {{ ratio('coalesce(active_counts.active_contacts, 0)', 'cohort_months.cohort_size') }} as retention_rate
    from cohort_months
    left join active_counts
        on active_counts.cohort_month = cohort_months.cohort_month
        and active_counts.report_month = cohort_months.report_month

)

select * from final
