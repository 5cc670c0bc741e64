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

inbox_conversations as (

    select * from {{ ref('int_inbox_conversations_resolved') }}

),

event_statuses as (

    select * from {{ ref('seed_sales_event_statuses') }}

),

-- A lead moved into a stage that means a quote or a sample went out (seed_sales_event_statuses).
amocrm_events as (

    select
        status_changes.event_id as source_event_id,
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

-- An agent labelled the inbox conversation quote_sent or sample_sent: Chatwoot's activity line ("<agent> added
-- quote_sent", English UI text) dates it.
chatwoot_events as (

    select
        inbox_messages.chatwoot_message_id as source_event_id,
        'chatwoot' as event_source,
        case when inbox_messages.content like '% added quote_sent%' then 'quote' else 'sample' end as event_type,
        inbox_conversations.contact_key,
        inbox_messages.sent_at as event_at
    from inbox_messages
    inner join inbox_conversations
        on inbox_conversations.conversation_id = inbox_messages.conversation_id
    where inbox_messages.content like '% added quote_sent%'
        or inbox_messages.content like '% added sample_sent%'

),

final as (

    select * from amocrm_events
    union all
    select * from chatwoot_events

)

select * from final
