with

csat_responses as (

    select * from {{ ref('stg_chatwoot__csat_responses') }}
    -- A survey answered without a rating (or with one that could not be read) has nothing to average.
    where rating is not null and responded_at is not null

),

-- DESIGN §6: the mean CSAT (1 to 5) of the week's responses; below 3.5 is an early warning.
weekly as (

    select
        {{ week_start('responded_at') }} as week_start_date,
        count(*) as responses,
        avg(rating) as csat_mean
    from csat_responses
    group by {{ week_start('responded_at') }}

),

final as (

    select
        week_start_date,
        responses,
        csat_mean
    from weekly

)

select * from final
