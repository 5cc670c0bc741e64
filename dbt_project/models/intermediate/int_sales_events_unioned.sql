with

status_changes as (

    select * from {{ ref('stg_amocrm__lead_status_changes') }}

),

leads as (

    select * from {{ ref('stg_amocrm__leads') }}

),

amocrm_contact_keys as (

    select * from {{ ref('int_amocrm_contacts_keyed') }}
    where contact_key is not null

),

inbox_messages as (

    select * from {{ ref('stg_chatwoot__messages') }}
    where message_type = 'activity'

),

conversation_labels as (

    select * from {{ ref('stg_chatwoot__conversation_labels') }}

),

inbox_conversations as (

    select * from {{ ref('int_inbox_conversations_resolved') }}

),

event_statuses as (

    select * from {{ ref('seed_sales_event_statuses') }}

),

-- A lead moved into a stage that means a quote or a sample went out (seed_sales_event_statuses).
amocrm_events as (

    select
        {{ dbt.concat(["status_changes.event_id", "':'", "event_statuses.event_type"]) }} as source_event_id,
        'amocrm' as event_source,
        event_statuses.event_type,
        amocrm_contact_keys.contact_key,
        status_changes.changed_at as event_at
    from status_changes
    inner join event_statuses
        on event_statuses.pipeline_id = status_changes.pipeline_id_after
        and event_statuses.status_id = status_changes.status_id_after
    inner join leads
        on leads.lead_id = status_changes.lead_id
    left join amocrm_contact_keys
        on amocrm_contact_keys.amocrm_contact_id = leads.amocrm_contact_id

),

-- Chatwoot dates a label by its activity line, "<agent> added <label>, <label>" (English UI text): one row per label
-- added, found by its place in the comma-separated list the line ends with.
label_activities as (

    select
        chatwoot_message_id,
        conversation_id,
        sent_at,
        {{ dbt.right(
            'content',
            dbt.length('content') ~ ' - ' ~ dbt.position("' added '", 'content') ~ ' - 6'
        ) }} as added_labels
    from inbox_messages
    where {{ dbt.position("' added '", 'content') }} > 0

),

label_events as (

    select
        label_activities.chatwoot_message_id,
        label_activities.conversation_id,
        label_activities.sent_at,
        conversation_labels.label
    from label_activities
    inner join conversation_labels
        on conversation_labels.conversation_id = label_activities.conversation_id
        and {{ dbt.position(
            dbt.concat(["','", "conversation_labels.label", "','"]),
            dbt.concat(["','", "replace(lower(label_activities.added_labels), ', ', ',')", "','"])
        ) }} > 0

),

-- An agent labelled the inbox conversation quote_sent or sample_sent.
labelled_events as (

    select
        label_events.*,
        case label_events.label when 'quote_sent' then 'quote' when 'sample_sent' then 'sample' end as event_type
    from label_events

),

chatwoot_events as (

    select
        {{ dbt.concat(["labelled_events.chatwoot_message_id", "':'", "labelled_events.event_type"]) }}
            as source_event_id,
        'chatwoot' as event_source,
        labelled_events.event_type,
        inbox_conversations.contact_key,
        labelled_events.sent_at as event_at
    from labelled_events
    inner join inbox_conversations
        on inbox_conversations.conversation_id = labelled_events.conversation_id
    where labelled_events.event_type is not null

),

final as (

    select * from amocrm_events
    union all
    select * from chatwoot_events

)

select * from final
