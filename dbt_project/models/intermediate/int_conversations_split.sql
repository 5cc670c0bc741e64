with

messages as (

    select * from {{ ref('int_messages_resolved') }}
    -- Every message counts, failed sends included (a conversation is the business's attempt too);
    -- one without a key or a readable time cannot be placed.
    where contact_key is not null
        and sent_at is not null

),

gaps as (

    select
        *,
        lag(sent_at) over (partition by contact_key order by sent_at, message_id) as previous_sent_at
    from messages

),

-- A new conversation starts with a contact's first message and after every silence longer than the gap.
boundaries as (

    select
        *,
        case
            when previous_sent_at is null then 1
            when {{ dbt.datediff('previous_sent_at', 'sent_at', 'second') }}
                > {{ var('conversation_gap_hours') }} * 3600 then 1
            else 0
        end as is_conversation_start
    from gaps

),

numbered as (

    select
        *,
        sum(is_conversation_start) over (
            partition by contact_key
            order by sent_at, message_id
            rows between unbounded preceding and current row
        ) as conversation_number
    from boundaries

),

opening_messages as (

    select
        contact_key,
        conversation_number,
        message_id as conversation_id,
        sent_at as started_at,
        case when direction = 'inbound' then 'customer' else 'business' end as started_by,
        case when sender_type = 'campaign' then campaign_name end as campaign_name
    from numbered
    where is_conversation_start = 1

),

conversation_stats as (

    select
        contact_key,
        conversation_number,
        max(sent_at) as last_message_at,
        min(case when direction = 'inbound' then sent_at end) as first_inbound_at,
        count(*) as message_count,
        count(case when direction = 'inbound' then 1 end) as inbound_message_count,
        count(case when direction = 'outbound' then 1 end) as outbound_message_count
    from numbered
    group by contact_key, conversation_number

),

final as (

    select
        opening_messages.conversation_id,
        opening_messages.contact_key,
        {{ dbt.cast('opening_messages.conversation_number', dbt.type_bigint()) }} as conversation_number,
        opening_messages.started_at,
        conversation_stats.last_message_at,
        opening_messages.started_by,
        opening_messages.campaign_name,
        conversation_stats.first_inbound_at,
        conversation_stats.message_count,
        conversation_stats.inbound_message_count,
        conversation_stats.outbound_message_count
    from opening_messages
    inner join conversation_stats
        on conversation_stats.contact_key = opening_messages.contact_key
        and conversation_stats.conversation_number = opening_messages.conversation_number

)

select * from final
