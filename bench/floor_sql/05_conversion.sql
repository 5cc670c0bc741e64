-- Hand-written floor, part 5: deals of both CRMs credited to a person, last-touch attribution, purchases,
-- mart_conversion_daily and mart_channel_comparison (DESIGN §5). A deal is a lead of the latest conversation of its
-- person that started at or before it, at most 7 days before (last touch). Conversations carry their number's key;
-- the person is its canonical key from part 4.

-- amoCRM leads, latest versions (deleted ones too: their stage changes still happened), and each lead's main contact
-- (else its lowest contact id).
create or replace temp table leads as
select
    source_id,
    payload,
    updated_at,
    json_extract_string(payload, '$.is_deleted') = 'true' as is_deleted,
    -- Custom field ids are per account: the lead source is found by the field's name.
    lower((
        select min(trim(json_extract_string(field, '$.values[0].value')))
        from unnest(try_cast(json_extract(payload, '$.custom_fields_values') as json[])) as f(field)
        where lower(trim(json_extract_string(field, '$.field_name'))) in ('источник', 'source', 'lead source')
    )) as lead_source
from raw.amocrm_leads
qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1;

create or replace temp table lead_contacts as
select
    source_id as lead_id,
    coalesce(
        min(json_extract_string(contact, '$.id')) filter (where json_extract_string(contact, '$.is_main') = 'true'),
        min(json_extract_string(contact, '$.id'))
    ) as amocrm_contact_id
from leads
cross join unnest(try_cast(json_extract(payload, '$._embedded.contacts') as json[])) as c(contact)
group by source_id;

create or replace table floor.deals as
with

hubspot_deals as (
    select
        source_id,
        payload,
        updated_at,
        json_extract_string(payload, '$.archived') = 'true' as is_archived
    from raw.hubspot_deals
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
),

-- A deal is credited to its associated contact with the lowest HubSpot id among those that are a person.
hubspot_contacts as (
    select deal.source_id as deal_id, arg_min(people.contact_key, (
        people.contact_key is null, try_cast(json_extract_string(association, '$.id') as bigint),
        json_extract_string(association, '$.id')
    )) as contact_key
    from hubspot_deals as deal
    cross join unnest(try_cast(json_extract(payload, '$.associations.contacts.results') as json[])) as a(association)
    left join floor.people
        on people.source_system = 'hubspot' and people.source_id = json_extract_string(association, '$.id')
    where json_extract_string(association, '$.id') is not null
    group by deal.source_id
)

select
    'hubspot:' || hubspot_deals.source_id as deal_id,
    'hubspot' as source_system,
    hubspot_deals.source_id as source_deal_id,
    json_extract_string(payload, '$.properties.pipeline') as pipeline,
    json_extract_string(payload, '$.properties.dealstage') as stage,
    hubspot_contacts.contact_key,
    -- The lead source, folded into the channels the marts compare.
    case
        when lead_source like '%whatsapp%' then 'whatsapp'
        when lead_source like '%mail%' then 'email'
        when lead_source like '%sms%' or lead_source like '%text message%' then 'sms'
        when lead_source like '%web%' or lead_source like '%site%' or lead_source like '%organic%' then 'web'
        else 'other'
    end as lead_channel,
    try_cast(nullif(trim(json_extract_string(payload, '$.properties.amount')), '') as decimal(28, 6)) as amount,
    coalesce(
        cast(try_cast(json_extract_string(payload, '$.properties.createdate') as timestamptz) at time zone 'UTC'
            as timestamp),
        cast(try_cast(json_extract_string(payload, '$.createdAt') as timestamptz) at time zone 'UTC' as timestamp)
    ) as created_at,
    coalesce(lower(trim(json_extract_string(payload, '$.properties.hs_is_closed_won'))) = 'true', false) as is_won,
    -- Stage ids are per portal: lost from HubSpot's own flags when pulled, else the default pipeline's closedlost
    -- stage, or a deal modified after its close date.
    case
        when lower(trim(json_extract_string(payload, '$.properties.hs_is_closed_won'))) = 'true' then false
        when json_extract_string(payload, '$.properties.hs_is_closed_lost') is not null
            then lower(trim(json_extract_string(payload, '$.properties.hs_is_closed_lost'))) = 'true'
        when json_extract_string(payload, '$.properties.hs_is_closed') is not null
            then lower(trim(json_extract_string(payload, '$.properties.hs_is_closed'))) = 'true'
        else coalesce(
            lower(json_extract_string(payload, '$.properties.dealstage')) = 'closedlost'
            or cast(try_cast(json_extract_string(payload, '$.properties.closedate') as timestamptz)
                at time zone 'UTC' as timestamp) < updated_at,
            false
        )
    end as is_lost,
    cast(try_cast(json_extract_string(payload, '$.properties.closedate') as timestamptz) at time zone 'UTC'
        as timestamp) as close_date_at
from (
    select *, lower(trim(json_extract_string(payload, '$.properties.lead_source'))) as lead_source from hubspot_deals
) as hubspot_deals
left join hubspot_contacts on hubspot_contacts.deal_id = hubspot_deals.source_id
where not coalesce(is_archived, false)
union all
select
    'amocrm:' || amocrm_leads.source_id,
    'amocrm',
    amocrm_leads.source_id,
    json_extract_string(payload, '$.pipeline_id'),
    json_extract_string(payload, '$.status_id'),
    people.contact_key,
    case
        when lead_source like '%whatsapp%' then 'whatsapp'
        when lead_source like '%mail%' then 'email'
        when lead_source like '%sms%' then 'sms'
        when lead_source like '%сайт%' or lead_source like '%web%' or lead_source like '%site%' then 'web'
        else 'other'
    end,
    try_cast(json_extract_string(payload, '$.price') as decimal(28, 6)),
    unix_time(json_extract_string(payload, '$.created_at')),
    coalesce(json_extract_string(payload, '$.status_id') = '142', false),
    coalesce(json_extract_string(payload, '$.status_id') = '143', false),
    unix_time(json_extract_string(payload, '$.closed_at'))
from leads as amocrm_leads
left join lead_contacts on lead_contacts.lead_id = amocrm_leads.source_id
left join floor.people
    on people.source_system = 'amocrm' and people.source_id = lead_contacts.amocrm_contact_id
where not coalesce(amocrm_leads.is_deleted, false);

-- Conversations carry their number's key; deals and purchases belong to the person.
create or replace temp table person_conversations as
select
    conversations.conversation_id,
    coalesce(people.contact_key, conversations.contact_key) as contact_key,
    conversations.started_at,
    conversations.last_message_at
from floor.conversations
left join floor.people on people.source_system = 'whatsapp' and people.source_id = conversations.contact_key;

-- Last touch: of the person's conversations started in the 7 days up to the deal, the latest.
create or replace table floor.attributed_deals as
with

last_touches as (
    select
        deals.deal_id,
        arg_max(conversations.conversation_id, (conversations.started_at, conversations.conversation_id))
            as conversation_id
    from floor.deals as deals
    inner join person_conversations as conversations
        on conversations.contact_key = deals.contact_key
        and conversations.started_at <= deals.created_at
        and deals.created_at <= conversations.started_at + interval 7 day
    group by deals.deal_id
)

select deals.*, last_touches.conversation_id
from floor.deals as deals
left join last_touches using (deal_id);

create or replace table floor.mart_conversion_daily as
with

outcomes as (
    select
        conversation_id,
        count(*) as leads,
        count(*) filter (where is_won) as won_deals,
        sum(case when is_won then amount else 0 end) as won_revenue
    from floor.attributed_deals
    where conversation_id is not null
    group by conversation_id
),

daily as (
    select
        conversations.started_at::date as conversation_date,
        coalesce(countries.country, 'unknown') as country,
        conversations.started_by,
        coalesce(conversations.campaign_name, '(none)') as campaign_name,
        count(*) as conversations,
        coalesce(sum(outcomes.leads), 0)::bigint as leads,
        coalesce(sum(outcomes.won_deals), 0)::bigint as won_deals,
        coalesce(sum(outcomes.won_revenue), 0) as won_revenue
    from floor.conversations
    left join floor.people on people.source_system = 'whatsapp' and people.source_id = conversations.contact_key
    left join floor.person_countries as countries
        on countries.contact_key = coalesce(people.contact_key, conversations.contact_key)
    left join outcomes on outcomes.conversation_id = conversations.conversation_id
    group by all
)

select
    *,
    ratio(leads, conversations) as conversation_to_lead_rate,
    ratio(won_deals, leads) as lead_to_won_rate,
    ratio(won_deals, conversations) as conversation_to_won_rate
from daily;

-- A purchase happens when a deal closes won (at its creation when no close date came); the person's first makes a
-- new customer; it is WhatsApp-engaged when a conversation of theirs ran in the 90 days before it.
create or replace table floor.purchases as
with

purchases as (
    select
        deal_id,
        contact_key,
        coalesce(close_date_at, created_at) as purchased_at,
        amount,
        conversation_id is not null as is_attributed
    from floor.attributed_deals
    where is_won and contact_key is not null
),

engaged as (
    select distinct purchases.deal_id
    from purchases
    inner join person_conversations as conversations
        on conversations.contact_key = purchases.contact_key
        and conversations.started_at <= purchases.purchased_at
        and conversations.last_message_at >= purchases.purchased_at - interval 90 day
)

select
    purchases.*,
    date_trunc('month', purchased_at)::date as report_month,
    engaged.deal_id is not null as is_whatsapp_engaged,
    row_number() over (partition by contact_key order by purchased_at, purchases.deal_id) = 1 as is_first_purchase
from purchases
left join engaged using (deal_id);

-- Leads and sales of every lead channel by creation month, against the seed's monthly spend per channel.
create or replace table floor.mart_channel_comparison as
with

deal_months as (
    select
        date_trunc('month', created_at)::date as report_month,
        lead_channel,
        count(*) as leads,
        count(*) filter (where is_won) as won_deals,
        coalesce(sum(case when is_won then amount end), 0) as won_revenue
    from floor.deals
    where created_at is not null
    group by all
),

joined as (
    select
        months.report_month,
        channels.lead_channel,
        coalesce(leads, 0) as leads,
        coalesce(won_deals, 0) as won_deals,
        coalesce(won_revenue, 0) as won_revenue,
        spend.spend as channel_spend,
        spend.currency as spend_currency
    from (
        select report_month from deal_months union select spend_month from seeds.seed_channel_spend
    ) as months
    cross join (values ('whatsapp'), ('email'), ('sms'), ('web'), ('other')) as channels(lead_channel)
    left join deal_months using (report_month, lead_channel)
    left join seeds.seed_channel_spend as spend
        on spend.spend_month = months.report_month and spend.channel = channels.lead_channel
)

select
    *,
    ratio(channel_spend, leads) as cost_per_lead,
    ratio(channel_spend, won_deals) as cost_per_sale,
    ratio(won_deals, leads) as lead_to_won_rate
from joined;
