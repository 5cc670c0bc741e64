{{ config(**windowed_incremental('sent_date')) }}

with

outbound_messages as (

    select * from {{ ref('int_messages_resolved') }}
    -- A send whose time could not be read cannot be placed on a day (int_messages_resolved warns about it).
    where direction = 'outbound' and sent_at is not null
        and {{ in_window('sent_date') }}

),

daily as (

    select
        sent_date,
        count(*) as sent,
        count(case when final_status in ('delivered', 'read') then 1 end) as delivered
    from outbound_messages
    group by sent_date

),

final as (

    select
        sent_date,
        sent,
        delivered,
        {{ ratio('delivered', 'sent') }} as delivery_rate
    from daily

)

select * from final
