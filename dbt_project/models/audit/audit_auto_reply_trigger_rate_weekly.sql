with

inbound_messages as (

    select * from {{ ref('int_messages_responded') }}

),

-- DESIGN §6: a message should trigger an automated reply when it matches an auto-reply keyword rule or arrives
-- outside business hours; it got one when an outbound message followed within var('automated_reply_seconds').
triggers as (

    select
        sent_at,
        is_auto_replied
    from inbound_messages
    where is_auto_reply_rule or is_outside_business_hours

),

weekly as (

    select
        {{ week_start('sent_at') }} as week_start_date,
        count(*) as triggering_messages,
        count(case when is_auto_replied then 1 end) as auto_replied_messages
    from triggers
    group by {{ week_start('sent_at') }}

),

final as (

    select
        week_start_date,
        triggering_messages,
        auto_replied_messages,
        {{ ratio('auto_replied_messages', 'triggering_messages') }} as auto_reply_trigger_rate
    from weekly

)

select * from final
