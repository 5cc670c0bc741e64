-- Hand-written floor, part 4: people (DESIGN §2 identity, §4 contacts). The records of every source and the keys
-- they hold (phone, WhatsApp user id, name + e-mail, looked up in raw.contact_identifiers) form a graph whose
-- connected components are the people, labelled by min-label propagation (record -> key -> record) that prefers a
-- WhatsApp number's own key, then any phone or user id key, then a name + e-mail key. The WhatsApp
-- records come from floor.messages, not from a second read of the webhook events.

create or replace temp table crm_contacts as
with

hubspot as (
    select
        source_id,
        json_extract_string(payload, '$.archived') = 'true' as is_archived,
        nullif(json_extract_string(payload, '$.properties.phone'), '') as phone,
        nullif(json_extract_string(payload, '$.properties.mobilephone'), '') as mobile_phone,
        coalesce(upper(json_extract_string(payload, '$.properties.hs_country_region_code')), '') as region_hint,
        nullif(trim(concat_ws(' ', json_extract_string(payload, '$.properties.firstname'),
            json_extract_string(payload, '$.properties.lastname'))), '') as contact_name,
        nullif(lower(trim(json_extract_string(payload, '$.properties.email'))), '') as email,
        coalesce(
            cast(try_cast(json_extract_string(payload, '$.properties.createdate') as timestamptz) at time zone 'UTC'
                as timestamp),
            cast(try_cast(json_extract_string(payload, '$.createdAt') as timestamptz) at time zone 'UTC' as timestamp)
        ) as created_at
    from raw.hubspot_contacts
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
),

amocrm as (
    select
        source_id,
        payload,
        nullif(trim(json_extract_string(payload, '$.name')), '') as contact_name,
        unix_time(json_extract_string(payload, '$.created_at')) as created_at
    from raw.amocrm_contacts
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
        and json_extract_string(payload, '$.is_deleted') is distinct from 'true'
),

amocrm_fields as (
    select
        source_id,
        json_extract_string(field, '$.field_code') as field_code,
        field
    from amocrm
    cross join unnest(try_cast(json_extract(payload, '$.custom_fields_values') as json[])) as fields(field)
),

amocrm_emails as (
    select source_id, nullif(min(lower(trim(json_extract_string(field, '$.values[0].value')))), '') as email
    from amocrm_fields
    where field_code = 'EMAIL'
    group by source_id
),

csv as (
    select
        source_file || ':' || line_number::varchar as source_id,
        nullif(trim(json_extract_string(payload, '$.name')), '') as contact_name,
        nullif(json_extract_string(payload, '$.phone'), '') as phone,
        nullif(json_extract_string(payload, '$.mobile'), '') as mobile_phone,
        nullif(json_extract_string(payload, '$.whatsapp'), '') as whatsapp_phone,
        nullif(lower(trim(json_extract_string(payload, '$.email'))), '') as email,
        case when length(trim(json_extract_string(payload, '$.country'))) = 2
            then upper(trim(json_extract_string(payload, '$.country'))) else '' end as region_hint,
        try_cast(nullif(trim(json_extract_string(payload, '$.first_contact')), '') as timestamp) as created_at
    from raw.csv_contacts
),

chatwoot as (
    select
        json_extract_string(payload, '$.meta.sender.id') as source_id,
        json_extract_string(payload, '$.meta.channel') as channel,
        nullif(json_extract_string(payload, '$.meta.sender.phone_number'), '') as phone,
        nullif(json_extract_string(payload, '$.meta.sender.identifier'), '') as user_id,
        nullif(trim(json_extract_string(payload, '$.meta.sender.name')), '') as contact_name,
        nullif(lower(trim(json_extract_string(payload, '$.meta.sender.email'))), '') as email,
        unix_time(json_extract_string(payload, '$.created_at')) as created_at
    from raw.chatwoot_conversations
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
)

-- One row per (record, identifier it holds); records holding none keep one row with a null identifier.
select 'hubspot' as source_system, source_id, created_at, region_hint, unnest([
    {'identifier': phone, 'kind': 'phone', 'hint': region_hint},
    {'identifier': mobile_phone, 'kind': 'phone', 'hint': region_hint},
    {'identifier': contact_name || ' <' || email || '>', 'kind': 'name_email', 'hint': ''}
]) as reference
from hubspot where not coalesce(is_archived, false)
union all
select 'amocrm', amocrm.source_id, created_at, '', unnest([
    {'identifier': contact_name || ' <' || email || '>', 'kind': 'name_email', 'hint': ''}
])
from amocrm left join amocrm_emails using (source_id)
union all
select 'amocrm', source_id, null, '', {
    'identifier': json_extract_string(phone, '$.value'), 'kind': 'phone', 'hint': ''
}
from amocrm_fields
cross join unnest(try_cast(json_extract(field, '$.values') as json[])) as phones(phone)
where field_code = 'PHONE'
union all
select 'csv', source_id, created_at, region_hint, unnest([
    {'identifier': phone, 'kind': 'phone', 'hint': region_hint},
    {'identifier': mobile_phone, 'kind': 'phone', 'hint': region_hint},
    {'identifier': whatsapp_phone, 'kind': 'phone', 'hint': region_hint},
    {'identifier': contact_name || ' <' || email || '>', 'kind': 'name_email', 'hint': ''}
])
from csv
union all
select 'chatwoot', source_id, created_at, '', unnest([
    {'identifier': phone, 'kind': 'phone', 'hint': ''},
    {'identifier': case when channel = 'Channel::Whatsapp' then user_id end, 'kind': 'whatsapp_user_id', 'hint': ''},
    {'identifier': contact_name || ' <' || email || '>', 'kind': 'name_email', 'hint': ''}
])
from chatwoot where source_id is not null;

create or replace temp table links as
select distinct
    crm_contacts.source_system || ':' || crm_contacts.source_id as record_id,
    identifiers.contact_key as link_key,
    case when identifiers.identifier_kind = 'name_email' then 3 else 2 end as link_rank
from crm_contacts
inner join raw.contact_identifiers as identifiers
    on identifiers.identifier = crm_contacts.reference.identifier
    and identifiers.identifier_kind = crm_contacts.reference.kind
    and coalesce(identifiers.region_hint, '') = crm_contacts.reference.hint
    and identifiers.contact_key is not null
union
select 'whatsapp:' || key, key, 1
from (select phone_key as key from floor.messages union select user_key from floor.messages)
where key is not null;

-- A record's label starts as its best key ("1" + a WhatsApp number's own key, "2" + a phone or user id key, "3" + a
-- name + e-mail key); each pass gives every key the least label of its records, then every record the least label
-- of its keys, so four passes label whole every person whose records lie up to four links apart.
create or replace temp table labels_0 as
select record_id, min(link_rank::varchar || link_key) as label from links group by record_id;

create or replace temp macro next_labels(previous) as table
select links.record_id, min(key_labels.label) as label
from links
inner join (
    select links.link_key, min(previous_labels.label) as label
    from links
    inner join query_table(previous) as previous_labels using (record_id)
    group by links.link_key
) as key_labels using (link_key)
group by links.record_id;

create or replace temp table labels_1 as from next_labels('labels_0');
create or replace temp table labels_2 as from next_labels('labels_1');
create or replace temp table labels_3 as from next_labels('labels_2');
create or replace temp table labels_4 as from next_labels('labels_3');

create or replace table floor.people as
with

records as (
    select source_system || ':' || source_id as record_id, source_system, source_id, min(created_at) as first_seen_at,
        max(region_hint) as region_hint
    from crm_contacts
    group by all
    union all
    select record_id, 'whatsapp', link_key, null, '' from links where link_rank = 1
)

select records.source_system, records.source_id, substring(labels_4.label, 2) as contact_key, first_seen_at, region_hint
from records
left join labels_4 using (record_id);

-- Country: the region of the person's phone or user id, else the oldest HubSpot record's, else the oldest sheet row's.
create or replace table floor.person_countries as
with

oldest as (
    select contact_key, source_system, region_hint
    from floor.people
    where contact_key is not null and source_system in ('hubspot', 'csv')
    qualify row_number() over (partition by contact_key, source_system order by first_seen_at, source_id) = 1
),

key_regions as (
    select contact_key, max(region) as region
    from raw.contact_identifiers
    where contact_key is not null and identifier_kind in ('phone', 'whatsapp_user_id')
    group by contact_key
)

select
    people.contact_key,
    coalesce(
        any_value(key_regions.region),
        nullif(max(case when oldest.source_system = 'hubspot' then oldest.region_hint end), ''),
        nullif(max(case when oldest.source_system = 'csv' then oldest.region_hint end), ''),
        'unknown'
    ) as country
from (select distinct contact_key from floor.people where contact_key is not null) as people
left join key_regions using (contact_key)
left join oldest using (contact_key)
group by people.contact_key;
