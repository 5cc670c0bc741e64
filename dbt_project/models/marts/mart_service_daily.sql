with

inbound_messages as (

    select * from {{ ref('int_messages_responded') }}

),

-- The wait of a conversation's first customer message is its first response time; the wait of every customer turn
-- (the first message after the business last spoke) is a response time.
daily as (

    select
        sent_date as report_date,
        agent_id,
        count(*) as inbound_messages,
        count(case when is_first_inbound_of_conversation then 1 end) as conversations_with_inbound,
        count(case when is_turn_start then 1 end) as customer_turns,
        count(case when is_turn_start and next_human_reply_at is not null then 1 end) as human_replied_turns,
        count(case when is_turn_start and is_auto_replied then 1 end) as auto_replied_turns,
        {{ percentile(
            'case when is_first_inbound_of_conversation then ' ~ minutes_between('sent_at', 'next_human_reply_at') ~ ' end',
            0.5
        ) }} as first_response_minutes_median,
        {{ percentile(
            'case when is_first_inbound_of_conversation then ' ~ minutes_between('sent_at', 'next_human_reply_at') ~ ' end',
            0.9
        ) }} as first_response_minutes_p90,
        {{ percentile(
            'case when is_turn_start then ' ~ minutes_between('sent_at', 'next_human_reply_at') ~ ' end',
            0.5
        ) }} as response_minutes_median
    from inbound_messages
    group by sent_date, agent_id

),

-- Resolution and CSAT come with the inbox source (conversation status and CSAT surveys); null until it lands.
final as (

    select
        report_date,
        agent_id,
        inbound_messages,
        conversations_with_inbound,
        customer_turns,
        human_replied_turns,
        first_response_minutes_median,
        first_response_minutes_p90,
        response_minutes_median,
        {{ dbt.cast('null', dbt.type_numeric()) }} as resolution_minutes_median,
        {{ dbt.cast('null', dbt.type_numeric()) }} as first_contact_resolution_rate,
        auto_replied_turns,
        {{ ratio('auto_replied_turns', 'customer_turns') }} as auto_reply_share,
        {{ dbt.cast('null', dbt.type_numeric()) }} as csat_mean,
        {{ dbt.cast('null', dbt.type_bigint()) }} as csat_responses
    from daily

)

select * from final
