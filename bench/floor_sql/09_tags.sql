-- Hand-written floor, part 9: tags (DESIGN §4) and mart_tag_distribution (DESIGN §5). Tags come from amoCRM leads
-- (their main contact's), inbox conversation labels (the writer's) and the sheet's Tags and Value class columns,
-- each credited to the person of the record that holds it (part 4). Shares are within each source. The snapshot is
-- taken at the warehouse's latest event, not the wall clock.

create or replace table floor.tags as
with

amocrm_tags as (
    select
        people.contact_key,
        lower(trim(json_extract_string(tag, '$.name'))) as source_tag,
        'amocrm' as tag_source,
        min(unix_time(json_extract_string(leads.payload, '$.created_at'))) as assigned_at,
        max(leads.updated_at) as last_updated_at
    from leads
    cross join unnest(try_cast(json_extract(leads.payload, '$._embedded.tags') as json[])) as t(tag)
    inner join lead_contacts on lead_contacts.lead_id = leads.source_id
    inner join floor.people
        on people.source_system = 'amocrm' and people.source_id = lead_contacts.amocrm_contact_id
    where not coalesce(leads.is_deleted, false) and people.contact_key is not null
        and coalesce(trim(json_extract_string(tag, '$.name')), '') <> ''
    group by all
),

chatwoot_labels as (
    select
        people.contact_key,
        lower(trim(json_extract_string(label, '$'))) as source_tag,
        'chatwoot' as tag_source,
        min(created_at) as assigned_at,
        max(last_activity_at) as last_updated_at
    from floor.inbox_conversations as inbox_conversations
    cross join unnest(try_cast(labels as json[])) as l(label)
    inner join floor.people
        on people.source_system = 'chatwoot' and people.source_id = inbox_conversations.chatwoot_contact_id
    where people.contact_key is not null and coalesce(trim(json_extract_string(label, '$')), '') <> ''
    group by all
),

sheet_rows as (
    select
        people.contact_key,
        json_extract_string(payload, '$.tags') as tags_text,
        nullif(upper(trim(json_extract_string(payload, '$.value_class'))), '') as value_class
    from raw.csv_contacts
    inner join floor.people
        on people.source_system = 'csv' and people.source_id = source_file || ':' || line_number::varchar
    where people.contact_key is not null
),

-- The sheet's Tags column is a comma-separated list of the seed's tags; its Value class column is a tag of its own.
sheet_tags as (
    select sheet_rows.contact_key, dimensions.source_tag, 'csv' as tag_source,
        null::timestamp as assigned_at, null::timestamp as last_updated_at
    from sheet_rows
    inner join seeds.seed_tag_dimensions as dimensions
        on position(
            ',' || dimensions.source_tag || ',' in ',' || replace(lower(trim(sheet_rows.tags_text)), ', ', ',') || ','
        ) > 0
    union all
    select contact_key, lower(value_class), 'csv', null, null
    from sheet_rows
    where value_class is not null
)

select
    unioned.contact_key,
    coalesce(dimensions.tag, unioned.source_tag) as tag,
    coalesce(dimensions.dimension, 'unclassified') as dimension,
    unioned.tag_source,
    min(unioned.assigned_at) as assigned_at,
    max(unioned.last_updated_at) as last_updated_at
from (
    select * from amocrm_tags union all select * from chatwoot_labels union all select * from sheet_tags
) as unioned
left join seeds.seed_tag_dimensions as dimensions on dimensions.source_tag = unioned.source_tag
group by all;

-- Sales events: an amoCRM lead moved into a stage that means a quote or a sample went out (the seed's statuses), or
-- an agent added the label quote_sent or sample_sent to an inbox conversation that still carries it; each belongs to
-- the person of the lead's main contact or of the inbox contact.
create or replace table floor.sales_events as
select
    people.contact_key,
    statuses.event_type,
    events.updated_at as event_at
from (
    select * from raw.amocrm_events
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
) as events
inner join seeds.seed_sales_event_statuses as statuses
    on statuses.pipeline_id::varchar = json_extract_string(events.payload, '$.value_after[0].lead_status.pipeline_id')
    and statuses.status_id::varchar = json_extract_string(events.payload, '$.value_after[0].lead_status.id')
inner join leads on leads.source_id = json_extract_string(events.payload, '$.entity_id')
left join lead_contacts on lead_contacts.lead_id = leads.source_id
left join floor.people on people.source_system = 'amocrm' and people.source_id = lead_contacts.amocrm_contact_id
where json_extract_string(events.payload, '$.type') = 'lead_status_changed'
    and json_extract_string(events.payload, '$.entity_type') = 'lead'
union all
select people.contact_key, labels.event_type, messages.sent_at
from floor.inbox_messages as messages
inner join floor.inbox_conversations as conversations using (inbox_conversation_id)
-- A label the line added that the conversation still carries.
inner join (values ('quote_sent', 'quote'), ('sample_sent', 'sample')) as labels (label, event_type)
    on position(',' || labels.label || ',' in messages.added_labels) > 0
    and list_contains(
        list_transform(json_extract_string(conversations.labels, '$[*]'), lambda label: lower(trim(label))), labels.label
    )
left join floor.people on people.source_system = 'chatwoot' and people.source_id = conversations.chatwoot_contact_id
where messages.message_type_code = 2;

-- "Now": the latest message, deal, tag update or sales event (a quote or sample sent).
create or replace table floor.as_of as
select max(event_at) as as_of_at
from (
    select max(sent_at) as event_at from floor.messages
    union all
    select max(created_at) from floor.deals
    union all
    select max(last_updated_at) from floor.tags
    union all
    select max(event_at) from floor.sales_events
);

create or replace table floor.mart_tag_distribution as
with

tagged_people as (
    select distinct contact_key from floor.tags
),

-- A person replied when an inbound message followed a business message within 24 h, on one timeline across their
-- numbers; only tagged people are read.
person_messages as (
    select
        coalesce(people.contact_key, timeline.contact_key) as contact_key,
        timeline.message_id,
        timeline.direction,
        timeline.sent_at
    from timeline
    left join floor.people on people.source_system = 'whatsapp' and people.source_id = timeline.contact_key
    where coalesce(people.contact_key, timeline.contact_key) in (select contact_key from tagged_people)
),

replies as (
    select
        contact_key,
        bool_or(date_diff('second', sent_at, next_inbound_at) <= 24 * 3600) as has_replied
    from (
        select
            *,
            min(case when direction = 'inbound' then sent_at end) over (
                partition by contact_key order by sent_at, message_id rows between 1 following and unbounded following
            ) as next_inbound_at
        from person_messages
    )
    where direction = 'outbound'
    group by contact_key
),

tagged_contacts as (
    select tag_source, count(distinct contact_key) as tagged_contacts from floor.tags group by tag_source
),

tag_groups as (
    select
        tags.tag_source,
        tags.dimension,
        tags.tag,
        count(*) as contacts_with_tag,
        count(*) filter (where date_diff('second', tags.last_updated_at, as_of.as_of_at) <= 24 * 3600)
            as contacts_updated_within_24h,
        count(replies.contact_key) as contacts_messaged,
        count(*) filter (where replies.has_replied) as contacts_replied
    from floor.tags as tags
    cross join floor.as_of as as_of
    left join replies using (contact_key)
    group by all
)

select
    as_of.as_of_at::date as snapshot_date,
    tag_groups.tag_source,
    dimension,
    tag,
    contacts_with_tag,
    tagged_contacts,
    ratio(contacts_with_tag, tagged_contacts) as share_of_tagged_contacts,
    ratio(contacts_with_tag, tagged_contacts) > 0.40 as is_over_concentrated,
    ratio(contacts_with_tag, tagged_contacts) < 0.05 as is_rarely_used,
    contacts_updated_within_24h,
    ratio(contacts_updated_within_24h, contacts_with_tag) as share_updated_within_24h,
    contacts_messaged,
    contacts_replied,
    ratio(contacts_replied, contacts_messaged) as reply_rate
from tag_groups
cross join floor.as_of as as_of
inner join tagged_contacts using (tag_source);
