with

tags as (

    select * from {{ ref('int_tags_assigned') }}

),

messages as (

    select * from {{ ref('int_messages_person_keyed') }}
    where sent_at is not null

),

as_of as (

    select * from {{ ref('int_snapshots_dated') }}

),

-- A contact replied when an inbound message followed a business message within the conversation gap. Tags belong
-- to the canonical person, so messages are read as the person's (int_messages_person_keyed): one timeline across
-- their numbers, and a person with two numbers is one contact messaged.
timelines as (

    select
        contact_key,
        direction,
        sent_at,
        min(case when direction = 'inbound' then sent_at end) over (
            partition by contact_key
            order by sent_at, message_id
            rows between 1 following and unbounded following
        ) as next_inbound_at
    from messages

),

contact_replies as (

    select
        contact_key,
        max(case
            when direction = 'outbound'
                and {{ dbt.datediff('sent_at', 'next_inbound_at', 'second') }} <= {{ var('conversation_gap_hours') }} * 3600
                then 1 else 0
        end) as has_replied
    from timelines
    where direction = 'outbound'
    group by contact_key

),

-- Each source is its own tagging practice (CRM tags, inbox labels, the sheet): shares are within the source.
tagged_contacts as (

    select
        tag_source,
        count(distinct contact_key) as tagged_contacts
    from tags
    group by tag_source

),

tag_groups as (

    select
        tags.tag_source,
        tags.dimension,
        tags.tag,
        count(*) as contacts_with_tag,
        count(case
            when {{ dbt.datediff('tags.last_updated_at', 'as_of.as_of_at', 'second') }} <= 24 * 3600 then 1
        end) as contacts_updated_within_24h,
        count(contact_replies.contact_key) as contacts_messaged,
        count(case when contact_replies.has_replied = 1 then 1 end) as contacts_replied
    from tags
    cross join as_of
    left join contact_replies
        on contact_replies.contact_key = tags.contact_key
    group by tags.tag_source, tags.dimension, tags.tag

),

final as (

    select
        {{ to_date('as_of.as_of_at') }} as snapshot_date,
        tag_groups.tag_source,
        tag_groups.dimension,
        tag_groups.tag,
        tag_groups.contacts_with_tag,
        tagged_contacts.tagged_contacts,
        {{ ratio('tag_groups.contacts_with_tag', 'tagged_contacts.tagged_contacts') }} as share_of_tagged_contacts,
        {{ ratio('tag_groups.contacts_with_tag', 'tagged_contacts.tagged_contacts') }} > 0.40 as is_over_concentrated,
        {{ ratio('tag_groups.contacts_with_tag', 'tagged_contacts.tagged_contacts') }} < 0.05 as is_rarely_used,
        tag_groups.contacts_updated_within_24h,
        {{ ratio('tag_groups.contacts_updated_within_24h', 'tag_groups.contacts_with_tag') }} as share_updated_within_24h,
        tag_groups.contacts_messaged,
        tag_groups.contacts_replied,
        {{ ratio('tag_groups.contacts_replied', 'tag_groups.contacts_messaged') }} as reply_rate
    from tag_groups
    cross join as_of
    inner join tagged_contacts
        on tagged_contacts.tag_source = tag_groups.tag_source

)

select * from final
