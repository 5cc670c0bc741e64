with

customer_turns as (

    select * from {{ ref('int_messages_responded') }}
    where is_turn_start

),

-- DESIGN §6: the median time from an inbound message to the next human reply, over the customer turns of the week
-- (the first message after the business last spoke); turns never answered by a person are counted but not timed.
weekly as (

    select
        {{ week_start('sent_at') }} as week_start_date,
        count(*) as customer_turns,
        count(next_human_reply_at) as answered_turns,
        {{ percentile(minutes_between('sent_at', 'next_human_reply_at'), 0.5) }} as median_response_minutes
    from customer_turns
    group by {{ week_start('sent_at') }}

),

final as (

    select
        week_start_date,
        customer_turns,
        answered_turns,
        median_response_minutes
    from weekly

)

select * from final
