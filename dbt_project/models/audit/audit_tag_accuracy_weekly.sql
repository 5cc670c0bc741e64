with

verified_tags as (

    select * from {{ ref('int_tags_verified') }}

),

-- DESIGN §6: the share of verifiable tag assignments the evidence confirms, each judged when it was set
-- (int_tags_verified); one row per week of that moment.
weekly as (

    select
        {{ week_start('judged_at') }} as week_start_date,
        count(*) as verifiable_assignments,
        count(case when is_confirmed then 1 end) as confirmed_assignments
    from verified_tags
    group by {{ week_start('judged_at') }}

),

final as (

    select
        week_start_date,
        verifiable_assignments,
        confirmed_assignments,
        {{ ratio('confirmed_assignments', 'verifiable_assignments') }} as tag_accuracy
    from weekly

)

select * from final
