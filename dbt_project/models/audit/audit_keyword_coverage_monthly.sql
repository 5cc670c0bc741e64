with

inquiries as (

    select * from {{ ref('int_messages_responded') }}
    -- A customer inquiry is the first customer message of a conversation, when it has text to match.
    where is_first_inbound_of_conversation and has_text

),

-- DESIGN §6: measured monthly on the 5th, over the 30 days before it.
audit_dates as (

    select {{ dbt.dateadd('day', 4, month_start('sent_at')) }} as audit_date
    from inquiries
    union
    select {{ dbt.dateadd('day', 4, dbt.dateadd('month', 1, month_start('sent_at'))) }} as audit_date
    from inquiries

),

windowed as (

    select
        cast(audit_dates.audit_date as date) as audit_date,
        count(*) as inquiries,
        count(case when inquiries.is_keyword_matched then 1 end) as matched_inquiries
    from audit_dates
    inner join inquiries
        on inquiries.sent_at >= {{ dbt.dateadd('day', -30, 'audit_dates.audit_date') }}
        and inquiries.sent_at < audit_dates.audit_date
    group by cast(audit_dates.audit_date as date)

),

final as (

    select
        audit_date,
        cast({{ dbt.dateadd('day', -30, 'audit_date') }} as date) as window_start_date,
        inquiries,
        matched_inquiries,
        {{ ratio('matched_inquiries', 'inquiries') }} as keyword_coverage
    from windowed

)

select * from final
