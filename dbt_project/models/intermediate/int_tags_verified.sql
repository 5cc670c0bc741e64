with

tags as (

    select * from {{ ref('int_tags_assigned') }}
    where tag in ('quote sent', 'sample sent', 'new customer 24h', 'A', 'B', 'C')

),

latest_events as (

    select * from {{ ref('int_sales_events_summarised') }}

),

contacts as (

    select * from {{ ref('int_contacts_unified') }}

),

messages as (

    select * from {{ ref('int_messages_resolved') }}

),

-- "Now" is the warehouse's latest message, so rebuilding old data reproduces the verdicts it gave then.
as_of as (

    select max(sent_at) as as_of_at
    from messages

),

-- Expected annual purchases are the budget range the contact gave (the sheet's or HubSpot's): a range is classed by
-- its bounds, a plain figure by its value.
contact_evidence as (

    select
        contact_key,
        coalesce(first_contact_at, first_whatsapp_message_at) as first_contact_at,
        case
            when budget_range = '500k+' then 'A'
            when budget_range = '100k-500k' then 'B'
            when budget_range in ('<10k', '10k-50k', '50k-100k') then 'C'
            when {{ dbt.safe_cast('budget_range', dbt.type_numeric()) }} > 500000 then 'A'
            when {{ dbt.safe_cast('budget_range', dbt.type_numeric()) }} >= 100000 then 'B'
            when {{ dbt.safe_cast('budget_range', dbt.type_numeric()) }} >= 0 then 'C'
        end as expected_value_class
    from contacts

),

-- DESIGN §6 tag accuracy. "quote sent": a quote event in the 7 days before now; "sample sent": a sample event in
-- the 15 days before; "new customer 24h": the first contact less than 24 h before now; A/B/C: the class of the
-- expected annual purchases (> 500k / 100k-500k / < 100k). A value class without a budget cannot be verified.
verdicts as (

    select
        tags.contact_key,
        tags.tag,
        tags.tag_source,
        as_of.as_of_at,
        case
            when tags.tag = 'quote sent' then coalesce(
                {{ dbt.datediff('latest_events.last_quote_at', 'as_of.as_of_at', 'second') }} <= 7 * 86400, false
            )
            when tags.tag = 'sample sent' then coalesce(
                {{ dbt.datediff('latest_events.last_sample_at', 'as_of.as_of_at', 'second') }} <= 15 * 86400, false
            )
            when tags.tag = 'new customer 24h' then coalesce(
                {{ dbt.datediff('contact_evidence.first_contact_at', 'as_of.as_of_at', 'second') }} < 86400, false
            )
            when contact_evidence.expected_value_class is not null
                then contact_evidence.expected_value_class = tags.tag
        end as is_confirmed
    from tags
    cross join as_of
    left join latest_events
        on latest_events.contact_key = tags.contact_key
    left join contact_evidence
        on contact_evidence.contact_key = tags.contact_key

),

final as (

    select
        contact_key,
        tag,
        tag_source,
        as_of_at,
        is_confirmed
    from verdicts
    where is_confirmed is not null

)

select * from final
