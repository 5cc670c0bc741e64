{{ config(**windowed_incremental('send_date', lookback_days=1)) }}

with

messages as (

    select * from {{ ref('int_messages_resolved') }}

),

campaign_sends as (

    select * from messages
    -- A send whose time could not be read cannot be placed on a date (int_messages_resolved warns about it).
    where direction = 'outbound' and campaign_name is not null and sent_at is not null
        -- The day before the window too: replies to its sends may arrive in the window (24 h, below).
        and {{ in_window('sent_date', lookback_days=1) }}

),

inbound_messages as (

    select * from messages
    where direction = 'inbound'
        and {{ in_window('sent_date', lookback_days=1, lookahead_days=1) }}

),

-- A send is replied when its recipient wrote anything within 24 hours after it.
replied_sends as (

    select distinct campaign_sends.message_id
    from campaign_sends
    inner join inbound_messages
        on inbound_messages.contact_key = campaign_sends.contact_key
        and inbound_messages.sent_at > campaign_sends.sent_at
        and inbound_messages.sent_at <= {{ dbt.dateadd('hour', 24, 'campaign_sends.sent_at') }}

),

sends as (

    select
        campaign_sends.campaign_name,
        {{ to_date('campaign_sends.sent_at') }} as send_date,
        campaign_sends.final_status in ('delivered', 'read') as is_delivered,
        campaign_sends.final_status = 'read' as is_read,
        campaign_sends.final_status = 'failed' as is_failed,
        campaign_sends.is_click as is_clicked,
        replied_sends.message_id is not null as is_replied
    from campaign_sends
    left join replied_sends
        on replied_sends.message_id = campaign_sends.message_id

),

daily as (

    select
        campaign_name,
        send_date,
        count(*) as sent,
        count(case when is_delivered then 1 end) as delivered,
        count(case when is_read then 1 end) as read,
        count(case when is_clicked then 1 end) as clicked,
        count(case when is_replied then 1 end) as replied,
        count(case when is_failed then 1 end) as failed
    from sends
    group by campaign_name, send_date

),

final as (

    select
        campaign_name,
        send_date,
        sent,
        delivered,
        read,
        clicked,
        replied,
        failed,
        {{ ratio('delivered', 'sent') }} as delivery_rate,
        {{ ratio('read', 'delivered') }} as read_rate,
        {{ ratio('clicked', 'delivered') }} as click_through_rate,
        {{ ratio('replied', 'delivered') }} as response_rate
    from daily

)

select * from final
