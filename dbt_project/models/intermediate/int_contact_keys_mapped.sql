{#- DESIGN §2's duplicate rule: records sharing a phone key or a name + e-mail key are one person. The records and
    the keys they hold form a graph whose connected components are the people; each pass below carries the best
    label one record further along a chain of shared keys (record → key → record), so a person whose records lie
    at most N links apart is labelled whole after N passes. A person's records almost always share one number,
    and a record without it shares its name + e-mail with one that has it, so two links suffice; four leave room,
    and `is_merge_settled` (an extra pass that must change nothing, tested) proves it on every build, without a
    recursive CTE that not every engine we target runs. -#}
{%- set merge_passes = var('identity_merge_passes', 4) -%}
{#- More keys than any business has: a label's rank part never reaches into its key number. -#}
{%- set label_rank_unit = 1000000000000 -%}

with

identifiers as (

    select * from {{ ref('stg_identity__contact_identifiers') }}
    where contact_key is not null

),

whatsapp_messages as (

    select * from {{ ref('stg_whatsapp__messages') }}

),

whatsapp_statuses as (

    select * from {{ ref('stg_whatsapp__statuses') }}

),

hubspot_contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_archived

),

amocrm_contacts as (

    select * from {{ ref('stg_amocrm__contacts') }}
    where not is_deleted

),

amocrm_phones as (

    select * from {{ ref('stg_amocrm__contact_phones') }}

),

csv_contacts as (

    select * from {{ ref('stg_csv__contacts') }}

),

chatwoot_conversations as (

    select * from {{ ref('stg_chatwoot__conversations') }}

),

-- A WhatsApp contact is its number (or business-scoped user id): the record is that identifier's own key.
whatsapp_references as (

    select wa_id as identifier, 'phone' as identifier_kind, sent_at as seen_at
    from whatsapp_messages
    union all
    select whatsapp_user_id, 'whatsapp_user_id', sent_at
    from whatsapp_messages
    union all
    select recipient_wa_id, 'phone', status_at
    from whatsapp_statuses
    union all
    select recipient_whatsapp_user_id, 'whatsapp_user_id', status_at
    from whatsapp_statuses

),

whatsapp_records as (

    select
        'whatsapp' as source_system,
        identifiers.contact_key as source_record_id,
        min(identifiers.identifier_kind) as identifier_kind,
        min(whatsapp_references.seen_at) as first_seen_at
    from whatsapp_references
    inner join identifiers
        on identifiers.identifier = whatsapp_references.identifier
        and identifiers.identifier_kind = whatsapp_references.identifier_kind
        and identifiers.region_hint = ''
    group by identifiers.contact_key

),

chatwoot_contacts as (

    select
        chatwoot_contact_id,
        min(created_at) as first_seen_at
    from chatwoot_conversations
    where chatwoot_contact_id is not null
    group by chatwoot_contact_id

),

records as (

    select source_system, source_record_id, first_seen_at from whatsapp_records
    union all
    select 'hubspot', hubspot_contact_id, created_at from hubspot_contacts
    union all
    select 'amocrm', amocrm_contact_id, created_at from amocrm_contacts
    union all
    select 'csv', csv_row_id, first_contact_at from csv_contacts
    union all
    select 'chatwoot', chatwoot_contact_id, first_seen_at from chatwoot_contacts

),

-- Every identifier each CRM, sheet or inbox record holds, as typed, to be looked up in contact_identifiers.
record_references as (

    select 'hubspot' as source_system, hubspot_contact_id as source_record_id, phone as identifier,
        'phone' as identifier_kind, region_hint
    from hubspot_contacts
    union all
    select 'hubspot', hubspot_contact_id, mobile_phone, 'phone', region_hint from hubspot_contacts
    union all
    select 'hubspot', hubspot_contact_id, {{ name_email_identifier('contact_name', 'email') }}, 'name_email', ''
    from hubspot_contacts
    union all
    select 'amocrm', amocrm_phones.amocrm_contact_id, amocrm_phones.phone, 'phone', amocrm_phones.region_hint
    from amocrm_phones
    inner join amocrm_contacts on amocrm_contacts.amocrm_contact_id = amocrm_phones.amocrm_contact_id
    union all
    select 'amocrm', amocrm_contact_id, {{ name_email_identifier('contact_name', 'email') }}, 'name_email', ''
    from amocrm_contacts
    union all
    select 'csv', csv_row_id, phone, 'phone', region_hint from csv_contacts
    union all
    select 'csv', csv_row_id, mobile_phone, 'phone', region_hint from csv_contacts
    union all
    select 'csv', csv_row_id, whatsapp_phone, 'phone', region_hint from csv_contacts
    union all
    select 'csv', csv_row_id, {{ name_email_identifier('contact_name', 'email') }}, 'name_email', '' from csv_contacts
    union all
    select 'chatwoot', chatwoot_contact_id, phone_number, 'phone', '' from chatwoot_conversations
    union all
    select 'chatwoot', chatwoot_contact_id, contact_identifier, 'whatsapp_user_id', ''
    from chatwoot_conversations
    where channel = 'Channel::Whatsapp'
    union all
    select 'chatwoot', chatwoot_contact_id, {{ name_email_identifier('contact_name', 'email') }}, 'name_email', ''
    from chatwoot_conversations

),

-- The rank orders the candidates for the canonical key: a WhatsApp contact's own key first (so message keys stay
-- stable), then any other phone or user id key, then a name + e-mail key.
links as (

    select
        source_system || ':' || source_record_id as record_id,
        source_record_id as link_key,
        1 as link_rank,
        identifier_kind as link_kind
    from whatsapp_records
    union
    select
        record_references.source_system || ':' || record_references.source_record_id,
        identifiers.contact_key,
        case when identifiers.identifier_kind = 'name_email' then 3 else 2 end,
        identifiers.identifier_kind
    from record_references
    inner join identifiers
        on identifiers.identifier = record_references.identifier
        and identifiers.identifier_kind = record_references.identifier_kind
        and identifiers.region_hint = record_references.region_hint

),

-- The passes below join and group millions of links; on strings (64-character keys) their hash tables outgrew a
-- 3 GB DuckDB at 1 M contacts, so they run on numbers. A key's number follows the key's own order, and a label is
-- rank × 10^12 + that number: the smallest label is the smallest rank || key, as on the strings.
link_keys as (

    select
        link_key,
        row_number() over (order by link_key) as key_number
    from (select distinct link_key from links) as distinct_keys

),

record_numbers as (

    select
        record_id,
        row_number() over (order by record_id) as record_number
    from (select distinct record_id from links) as distinct_records

),

numbered_links as (

    select
        record_numbers.record_number,
        link_keys.key_number,
        {{ dbt.cast('links.link_rank', dbt.type_bigint()) }} * {{ label_rank_unit }} + link_keys.key_number as label
    from links
    inner join link_keys on link_keys.link_key = links.link_key
    inner join record_numbers on record_numbers.record_id = links.record_id

),

labels_0 as (

    select
        record_number,
        min(label) as label
    from numbered_links
    group by record_number

),

{% for merge_pass in range(1, merge_passes + 2) %}
key_labels_{{ merge_pass }} as (

    select
        numbered_links.key_number,
        min(labels_{{ merge_pass - 1 }}.label) as label
    from numbered_links
    inner join labels_{{ merge_pass - 1 }} on labels_{{ merge_pass - 1 }}.record_number = numbered_links.record_number
    group by numbered_links.key_number

),

labels_{{ merge_pass }} as (

    select
        numbered_links.record_number,
        min(key_labels_{{ merge_pass }}.label) as label
    from numbered_links
    inner join key_labels_{{ merge_pass }} on key_labels_{{ merge_pass }}.key_number = numbered_links.key_number
    group by numbered_links.record_number

),

{% endfor %}
record_keys as (

    select
        record_id,
        max(case when link_kind = 'phone' then 1 else 0 end) as has_phone_key
    from links
    group by record_id

),

final as (

    select
        records.source_system,
        records.source_record_id,
        merged_keys.link_key as contact_key,
        coalesce(record_keys.has_phone_key = 1, false) as has_phone_key,
        records.first_seen_at,
        coalesce(merged.label = settled.label, true) as is_merge_settled
    from records
    left join record_numbers
        on record_numbers.record_id = records.source_system || ':' || records.source_record_id
    left join labels_{{ merge_passes }} as merged
        on merged.record_number = record_numbers.record_number
    left join labels_{{ merge_passes + 1 }} as settled
        on settled.record_number = record_numbers.record_number
    left join link_keys as merged_keys
        on merged_keys.key_number = mod(merged.label, {{ label_rank_unit }})
    left join record_keys
        on record_keys.record_id = record_numbers.record_id

)

select * from final
