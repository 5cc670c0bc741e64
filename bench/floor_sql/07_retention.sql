-- Hand-written floor, part 7: the months each person was active, and mart_retention_cohorts (DESIGN §5). A person is
-- active in a month when they wrote to the business or bought; their cohort is their first active month. Messages
-- carry their number's key, mapped to the person here, as purchases are.

create or replace table floor.contact_months as
select distinct
    coalesce(people.contact_key, timeline.contact_key) as contact_key,
    date_trunc('month', timeline.sent_at)::date as activity_month
from timeline
left join floor.people on people.source_system = 'whatsapp' and people.source_id = timeline.contact_key
where timeline.direction = 'inbound'
union
select contact_key, report_month from floor.purchases;

create or replace table floor.mart_retention_cohorts as
with

cohorts as (
    select contact_key, min(activity_month) as cohort_month from floor.contact_months group by contact_key
),

cohort_sizes as (
    select cohort_month, count(*) as cohort_size from cohorts group by cohort_month
),

-- Every month from the cohort's own to the last one with any activity.
cohort_months as (
    select cohort_month, report_month, cohort_size
    from cohort_sizes
    inner join (select distinct activity_month as report_month from floor.contact_months) as months
        on months.report_month >= cohort_sizes.cohort_month
),

active_counts as (
    select cohort_month, activity_month as report_month, count(*) as active_contacts
    from floor.contact_months as contact_months
    inner join cohorts using (contact_key)
    group by all
)

select
    cohort_month,
    date_diff('month', cohort_month, report_month) as months_since,
    report_month,
    cohort_size,
    coalesce(active_contacts, 0) as active_contacts,
    ratio(coalesce(active_contacts, 0), cohort_size) as retention_rate
from cohort_months
left join active_counts using (cohort_month, report_month);
