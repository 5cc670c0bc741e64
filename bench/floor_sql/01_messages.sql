-- Hand-written floor, part 1: WhatsApp messages with their final status, sender and contact, one row each.
-- Written from DESIGN §4 (messages) and docs/raw_layer.md, not from the dbt models: the webhook events are read
-- in two filtered scans (each event's JSON is parsed once), statuses are folded into one row per message by a
-- single aggregation (furthest status reached, never the last to arrive), and the inbox's copy of each outbound
-- message (who wrote it) is joined once. Reporting time zone: UTC (the bench's default).

-- Unix seconds as text to a timestamp; null when not a number or outside years 1970-9999 (DESIGN §2.1 quirks).
create or replace temp macro unix_time(seconds) as
    case when try_cast(seconds as bigint) between 0 and 253402300799
        then make_timestamp(try_cast(seconds as bigint) * 1000000) end;

-- The inbox's messages, each read once: who wrote an outbound WhatsApp message (joined by its wamid), the reply
-- turns and resolutions of the service mart, the quotes and samples of the follow-up alerts.
-- numerator / denominator, null when the denominator is zero or null (a rate with no base); decimal(28, 6) is the
-- numeric type of the project's dbt adapter, so rates round as the pipeline's do.
create or replace temp macro ratio(numerator, denominator) as
    case when denominator <> 0 then numerator::decimal(28, 6) / denominator end;

create or replace table floor.inbox_messages as
select
    source_id::bigint as inbox_message_id,
    case when json_extract_string(payload, '$.source_id') like 'wamid.%'
        then json_extract_string(payload, '$.source_id') end as whatsapp_message_id,
    json_extract_string(payload, '$.conversation_id') as inbox_conversation_id,
    try_cast(json_extract_string(payload, '$.message_type') as integer) as message_type_code,
    coalesce(json_extract_string(payload, '$.private') = 'true', false) as is_private,
    case json_extract_string(payload, '$.sender.type')
        when 'contact' then 'customer'
        when 'user' then 'agent'
        when 'agent_bot' then 'bot'
        else case
            when json_extract_string(payload, '$.message_type') = '1'
                and json_extract_string(payload, '$.content_attributes.automation_rule_id') is not null
                then 'bot'
        end
    end as sender_type,
    case when json_extract_string(payload, '$.sender.type') = 'user'
        then json_extract_string(payload, '$.sender.id') end as agent_id,
    -- DESIGN §11: outgoing, by a person, not an internal note, not an automation or a campaign.
    coalesce(
        json_extract_string(payload, '$.message_type') = '1'
        and json_extract_string(payload, '$.sender.type') = 'user'
        and json_extract_string(payload, '$.private') is distinct from 'true'
        and json_extract_string(payload, '$.additional_attributes.campaign_id') is null
        and json_extract_string(payload, '$.content_attributes.automation_rule_id') is null,
        false
    ) as is_human_reply,
    lower(json_extract_string(payload, '$.content')) like 'conversation was resolved%' as is_resolution_line,
    -- An activity line "<agent> added <label>, <label>" dates the labels it adds (English UI text): the list, as
    -- ",label,label," so that one label is found by its place in it.
    case when position(' added ' in json_extract_string(payload, '$.content')) > 0 then ',' || replace(lower(substr(
        json_extract_string(payload, '$.content'), position(' added ' in json_extract_string(payload, '$.content')) + 7
    )), ', ', ',') || ',' end as added_labels,
    unix_time(json_extract_string(payload, '$.created_at')) as sent_at
from raw.chatwoot_messages
-- A conversation is landed again whenever it is re-pulled: each message's latest copy.
qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1;

create or replace table floor.messages as
with

inbound as (
    select
        source_id as message_id,
        nullif(json_extract_string(payload, '$.from'), '') as wa_id,
        nullif(json_extract_string(payload, '$.from_user_id'), '') as whatsapp_user_id,
        unix_time(json_extract_string(payload, '$.timestamp')) as sent_at,
        nullif(json_extract_string(payload, '$.context.id'), '') as replied_to_message_id,
        json_extract_string(payload, '$.type') = 'button'
            or (json_extract_string(payload, '$.type') = 'interactive'
                and json_extract_string(payload, '$.interactive.type') in ('button_reply', 'list_reply'))
            as is_click_reply
    from raw.whatsapp_webhook_events
    where event_kind = 'message'
    -- Meta delivers at least once: the first landed copy.
    qualify row_number() over (
        partition by source_id order by extracted_at, source_file, line_number, event_index
    ) = 1
),

-- Duplicate deliveries of a status repeat the same event, so they change no minimum or maximum: no dedup pass.
outbound as (
    select
        source_id as message_id,
        max(nullif(json_extract_string(payload, '$.recipient_id'), '')) as wa_id,
        max(nullif(json_extract_string(payload, '$.recipient_user_id'), '')) as whatsapp_user_id,
        max(case lower(json_extract_string(payload, '$.status'))
            when 'sent' then 1 when 'failed' then 2 when 'delivered' then 3 when 'read' then 4 end) as status_rank,
        min(case when lower(json_extract_string(payload, '$.status')) = 'sent'
            then unix_time(json_extract_string(payload, '$.timestamp')) end) as sent_status_at,
        min(unix_time(json_extract_string(payload, '$.timestamp'))) as first_status_at,
        max(nullif(json_extract_string(payload, '$.biz_opaque_callback_data'), '')) as campaign_name,
        max(lower(json_extract_string(payload, '$.pricing.category'))) as pricing_category,
        max(lower(json_extract_string(payload, '$.pricing.type'))) as pricing_type,
        bool_or(json_extract_string(payload, '$.pricing.billable') = 'true') as is_billable
    from raw.whatsapp_webhook_events
    where event_kind = 'status'
    group by source_id
),

clicked as (
    select distinct replied_to_message_id as message_id from inbound where is_click_reply
),

unioned as (
    select
        message_id, wa_id, whatsapp_user_id, 'inbound' as direction, sent_at, null::varchar as final_status,
        null::varchar as campaign_name, null::varchar as pricing_category, null::varchar as pricing_type,
        null::boolean as is_billable, false as is_click, is_click_reply
    from inbound
    union all
    select
        outbound.message_id, wa_id, whatsapp_user_id, 'outbound',
        coalesce(sent_status_at, first_status_at),
        case status_rank when 1 then 'sent' when 2 then 'failed' when 3 then 'delivered' when 4 then 'read' end,
        campaign_name, pricing_category, pricing_type, is_billable, clicked.message_id is not null, false
    from outbound
    left join clicked on clicked.message_id = outbound.message_id
)

select
    unioned.message_id,
    coalesce(phones.contact_key, users.contact_key) as contact_key,
    -- Each identifier's own key: every one WhatsApp has seen is a contact record of its own (part 4).
    phones.contact_key as phone_key,
    users.contact_key as user_key,
    direction,
    -- Only campaign sends carry a campaign; the inbox tells a bot from a person for the rest, and a message it does
    -- not know (sent from the phone app) counts as an agent's.
    case
        when direction = 'inbound' then 'customer'
        when campaign_name is not null then 'campaign'
        when inbox.sender_type = 'bot' then 'bot'
        else 'agent'
    end as sender_type,
    case when direction = 'outbound' and campaign_name is null and inbox.sender_type = 'agent'
        then inbox.agent_id end as agent_id,
    inbox.inbox_conversation_id,
    unioned.sent_at,
    final_status,
    campaign_name,
    pricing_category,
    pricing_type,
    is_billable,
    is_click,
    is_click_reply
from unioned
left join floor.inbox_messages as inbox on inbox.whatsapp_message_id = unioned.message_id
left join raw.contact_identifiers as phones
    on phones.identifier = unioned.wa_id and phones.identifier_kind = 'phone'
    and coalesce(phones.region_hint, '') = '' and phones.contact_key is not null
left join raw.contact_identifiers as users
    on users.identifier = unioned.whatsapp_user_id and users.identifier_kind = 'whatsapp_user_id'
    and coalesce(users.region_hint, '') = '' and users.contact_key is not null;
