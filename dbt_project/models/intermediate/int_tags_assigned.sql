with

lead_tags as (

    select * from {{ ref('stg_amocrm__lead_tags') }}

),

leads as (

    select * from {{ ref('stg_amocrm__leads') }}
    where not is_deleted

),

amocrm_contact_keys as (

    select * from {{ ref('int_amocrm_contacts_keyed') }}
    where contact_key is not null

),

conversation_labels as (

    select * from {{ ref('stg_chatwoot__conversation_labels') }}

),

inbox_conversations as (

    select * from {{ ref('int_inbox_conversations_resolved') }}

),

sheet_rows as (

    select * from {{ ref('stg_csv__contacts') }}

),

-- A sheet row's person is its record in the identity merge: one key for all the person's numbers and records.
sheet_contact_keys as (

    select * from {{ ref('int_contact_keys_mapped') }}
    where source_system = 'csv' and contact_key is not null

),

tag_dimensions as (

    select * from {{ ref('seed_tag_dimensions') }}

),


-- A lead's tags belong to its main contact; amoCRM keeps no tagging time, so the lead's creation and last update
-- stand for it.
amocrm_tags as (

    select
        amocrm_contact_keys.contact_key,
        lower(trim(lead_tags.tag_name)) as source_tag,
        'amocrm' as tag_source,
        min(leads.created_at) as assigned_at,
        max(lead_tags.lead_updated_at) as last_updated_at
    from lead_tags
    inner join leads
        on leads.lead_id = lead_tags.lead_id
    inner join amocrm_contact_keys
        on amocrm_contact_keys.amocrm_contact_id = leads.amocrm_contact_id
    group by amocrm_contact_keys.contact_key, lower(trim(lead_tags.tag_name))

),

-- A conversation's labels belong to the person who wrote in.
chatwoot_labels as (

    select
        inbox_conversations.contact_key,
        conversation_labels.label as source_tag,
        'chatwoot' as tag_source,
        min(inbox_conversations.created_at) as assigned_at,
        max(inbox_conversations.last_activity_at) as last_updated_at
    from conversation_labels
    inner join inbox_conversations
        on inbox_conversations.conversation_id = conversation_labels.conversation_id
    where inbox_conversations.contact_key is not null
    group by inbox_conversations.contact_key, conversation_labels.label

),

sheet_keys as (

    select
        sheet_rows.csv_row_id,
        sheet_rows.tags_text,
        sheet_rows.value_class,
        sheet_contact_keys.contact_key
    from sheet_rows
    inner join sheet_contact_keys
        on sheet_contact_keys.source_record_id = sheet_rows.csv_row_id

),

-- The sheet's Tags column is a comma-separated list: a tag the seed knows is found by its place in the list; its
-- Value class column is a tag of its own. The sheet keeps no tagging time.
sheet_tags as (

    select
        sheet_keys.contact_key,
        tag_dimensions.source_tag,
        'csv' as tag_source,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as assigned_at,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as last_updated_at
    from sheet_keys
    inner join tag_dimensions
        on {{ dbt.position(
            dbt.concat(["','", "tag_dimensions.source_tag", "','"]),
            dbt.concat(["','", "replace(lower(sheet_keys.tags_text), ', ', ',')", "','"])
        ) }} > 0

    union all

    select
        contact_key,
        lower(value_class) as source_tag,
        'csv' as tag_source,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as assigned_at,
        {{ dbt.cast('null', dbt.type_timestamp()) }} as last_updated_at
    from sheet_keys
    where value_class is not null

),

unioned as (

    select * from amocrm_tags
    union all
    select * from chatwoot_labels
    union all
    select * from sheet_tags

),

-- One row per person, tag and source (two sheet rows of one person collapse).
final as (

    select
        unioned.contact_key,
        coalesce(tag_dimensions.tag, unioned.source_tag) as tag,
        coalesce(tag_dimensions.dimension, 'unclassified') as dimension,
        unioned.tag_source,
        min(unioned.assigned_at) as assigned_at,
        max(unioned.last_updated_at) as last_updated_at
    from unioned
    left join tag_dimensions
        on tag_dimensions.source_tag = unioned.source_tag
    group by
        unioned.contact_key,
        coalesce(tag_dimensions.tag, unioned.source_tag),
        coalesce(tag_dimensions.dimension, 'unclassified'),
        unioned.tag_source

)

select * from final
