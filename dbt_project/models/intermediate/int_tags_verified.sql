with

-- The sheet keeps no tagging time, so its tags cannot be judged at the moment they were set: left out.
tags as (

    select * from {{ ref('int_tags_assigned') }}
    where tag in ('quote sent', 'sample sent', 'new customer 24h', 'A', 'B', 'C')
        and last_updated_at is not null

),

events as (

    select * from {{ ref('int_sales_events_unioned') }}
    where contact_key is not null

),

contacts as (

    select * from {{ ref('int_contacts_unified') }}

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

-- A tag is judged when it was last set: its record's last update. "quote sent" needs a quote event in the 7 days up
-- to then, "sample sent" a sample event in the 15 days up to then.
event_evidence as (

    select
        tags.contact_key,
        tags.tag,
        tags.tag_source,
        count(*) as events_in_window
    from tags
    inner join events
        on events.contact_key = tags.contact_key
        and events.event_at <= tags.last_updated_at
        and (
            (
                tags.tag = 'quote sent' and events.event_type = 'quote'
                and {{ dbt.datediff('events.event_at', 'tags.last_updated_at', 'second') }} <= 7 * 86400
            )
            or (
                tags.tag = 'sample sent' and events.event_type = 'sample'
                and {{ dbt.datediff('events.event_at', 'tags.last_updated_at', 'second') }} <= 15 * 86400
            )
        )
    group by tags.contact_key, tags.tag, tags.tag_source

),

-- DESIGN §6 tag accuracy, the four verifiable rules judged at the tag's moment: quote and sample events in their
-- windows; "new customer 24h": the first contact less than 24 h before; A/B/C: the class of the expected annual
-- purchases (> 500k / 100k-500k / < 100k). A value class without a budget cannot be verified.
verdicts as (

    select
        tags.contact_key,
        tags.tag,
        tags.tag_source,
        tags.last_updated_at as judged_at,
        case
            when tags.tag in ('quote sent', 'sample sent') then event_evidence.events_in_window is not null
            when tags.tag = 'new customer 24h' then coalesce(
                contact_evidence.first_contact_at <= tags.last_updated_at
                and {{ dbt.datediff('contact_evidence.first_contact_at', 'tags.last_updated_at', 'second') }}
                    < 86400,
                false
            )
            when contact_evidence.expected_value_class is not null
                then contact_evidence.expected_value_class = tags.tag
        end as is_confirmed
    from tags
    left join event_evidence
        on event_evidence.contact_key = tags.contact_key
        and event_evidence.tag = tags.tag
        and event_evidence.tag_source = tags.tag_source
    left join contact_evidence
        on contact_evidence.contact_key = tags.contact_key

),

final as (

    select
        contact_key,
        tag,
        tag_source,
        judged_at,
        is_confirmed
    from verdicts
    where is_confirmed is not null

)

select * from final
