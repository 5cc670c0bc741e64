-- Hand-written floor, part 11: mart_deal_funnel (DESIGN §5): per pipeline stage, the deals that reached it (its stage
-- history, or a later open stage of its pipeline: a skipped stage counts as passed; a won deal passed them all), the
-- share reaching the next stage, WhatsApp-attributed or not, and the median stay.

-- The stages of the known pipelines, in their order: HubSpot's (per portal ids, closed by probability) and amoCRM's
-- (142 won, 143 lost in every pipeline).
create or replace temp table known_stages as
select
    'hubspot' as source_system,
    pipeline,
    json_extract_string(stage, '$.id') as stage,
    json_extract_string(stage, '$.label') as stage_label,
    row_number() over (
        partition by pipeline
        order by try_cast(json_extract_string(stage, '$.displayOrder') as integer), json_extract_string(stage, '$.id')
    ) as stage_order,
    case
        when lower(json_extract_string(stage, '$.metadata.isClosed')) is distinct from 'true' then 'open'
        when try_cast(json_extract_string(stage, '$.metadata.probability') as decimal(28, 6)) >= 1 then 'won'
        else 'lost'
    end as stage_outcome
from (
    select source_id as pipeline, payload from raw.hubspot_pipelines
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
)
cross join unnest(try_cast(json_extract(payload, '$.stages') as json[])) as s(stage)
where json_extract_string(stage, '$.archived') is distinct from 'true'
union all
select
    'amocrm',
    pipeline,
    json_extract_string(status, '$.id'),
    json_extract_string(status, '$.name'),
    row_number() over (
        partition by pipeline
        order by try_cast(json_extract_string(status, '$.sort') as integer), json_extract_string(status, '$.id')
    ),
    case json_extract_string(status, '$.id') when '142' then 'won' when '143' then 'lost' else 'open' end
from (
    select source_id as pipeline, payload from raw.amocrm_pipelines
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
)
cross join unnest(try_cast(json_extract(payload, '$._embedded.statuses') as json[])) as s(status);

-- Each deal's stays: amoCRM from its status-change events (the first change's origin is where it was created),
-- HubSpot from the dealstage history of its latest version (read in its current pipeline). A stay ends when the
-- next begins.
create or replace temp table stage_entries as
with

status_changes as (
    select
        source_id as event_id,
        json_extract_string(payload, '$.entity_id') as lead_id,
        updated_at as changed_at,
        json_extract_string(payload, '$.value_before[0].lead_status.pipeline_id') as pipeline_before,
        json_extract_string(payload, '$.value_before[0].lead_status.id') as stage_before,
        json_extract_string(payload, '$.value_after[0].lead_status.pipeline_id') as pipeline_after,
        json_extract_string(payload, '$.value_after[0].lead_status.id') as stage_after
    from raw.amocrm_events
    where json_extract_string(payload, '$.type') = 'lead_status_changed'
        and json_extract_string(payload, '$.entity_type') = 'lead'
    qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
),

first_changes as (
    select lead_id, pipeline_before, stage_before
    from status_changes
    qualify row_number() over (partition by lead_id order by changed_at, event_id) = 1
),

hubspot_history as (
    select
        deal.source_id as source_deal_id,
        json_extract_string(version, '$.value') as stage,
        cast(try_cast(json_extract_string(version, '$.timestamp') as timestamptz) at time zone 'UTC' as timestamp)
            as changed_at
    from (
        select source_id, payload from raw.hubspot_deals
        qualify row_number() over (partition by source_id order by updated_at desc, extracted_at desc) = 1
    ) as deal
    cross join unnest(try_cast(json_extract(payload, '$.propertiesWithHistory.dealstage') as json[])) as v(version)
),

entries as (
    select deals.deal_id, deals.source_system, coalesce(pipeline_before, deals.pipeline) as pipeline,
        coalesce(stage_before, deals.stage) as stage, deals.created_at as entered_at, 0 as entry_rank
    from floor.deals as deals
    left join first_changes on first_changes.lead_id = deals.source_deal_id
    where deals.source_system = 'amocrm'
    union all
    select deals.deal_id, deals.source_system, pipeline_after, stage_after, changed_at, 1
    from status_changes
    inner join floor.deals as deals on deals.source_deal_id = status_changes.lead_id and deals.source_system = 'amocrm'
    union all
    -- Consecutive versions with the same stage are one stay.
    select deal_id, source_system, pipeline, stage, entered_at, 0
    from (
        select
            deals.deal_id, deals.source_system, deals.pipeline, history.stage, history.changed_at as entered_at,
            lag(history.stage) over (partition by history.source_deal_id order by history.changed_at) as previous_stage
        from hubspot_history as history
        inner join floor.deals as deals
            on deals.source_deal_id = history.source_deal_id and deals.source_system = 'hubspot'
        where history.stage is not null and history.changed_at is not null
    )
    where previous_stage is null or previous_stage <> stage
)

select
    *,
    lead(entered_at) over (partition by deal_id order by entered_at, entry_rank, stage) as left_at
from entries;

create or replace table floor.mart_deal_funnel as
with

deals as (
    select
        *,
        conversation_id is not null as is_whatsapp_attributed,
        case when is_won or is_lost then close_date_at end as closed_at
    from floor.attributed_deals
),

visits as (
    select deal_id, source_system, pipeline, stage from stage_entries
    union
    select deal_id, source_system, pipeline, stage from deals
),

-- The known stages, plus any stage a deal visited that no pipeline lists (no order; its outcome that of the deals
-- closed in it: won before open before lost).
stages as (
    select source_system, pipeline, stage, stage_label, stage_order, stage_outcome from known_stages
    union all
    select
        visits.source_system, visits.pipeline, visits.stage, null, null,
        max(case when deals.is_won then 'won' when deals.is_lost then 'lost' else 'open' end)
    from visits
    anti join known_stages using (source_system, pipeline, stage)
    left join deals on deals.deal_id = visits.deal_id and deals.stage = visits.stage
    group by visits.source_system, visits.pipeline, visits.stage
),

-- How far down its current pipeline a deal got: its furthest open stage visited (at least the first), or past every
-- open stage when won.
furthest as (
    select
        deals.deal_id,
        deals.source_system,
        deals.pipeline,
        deals.is_won,
        case when not deals.is_won
            then coalesce(max(stages.stage_order) filter (where stages.stage_outcome = 'open'), 1) end
            as furthest_open_order
    from deals
    left join visits on visits.deal_id = deals.deal_id and visits.pipeline = deals.pipeline
    left join stages
        on stages.source_system = visits.source_system and stages.pipeline = visits.pipeline
        and stages.stage = visits.stage
    group by deals.deal_id, deals.source_system, deals.pipeline, deals.is_won
),

reached as (
    select deal_id, source_system, pipeline, stage from visits
    union
    select furthest.deal_id, stages.source_system, stages.pipeline, stages.stage
    from furthest
    inner join stages
        on stages.source_system = furthest.source_system and stages.pipeline = furthest.pipeline
        and stages.stage_outcome = 'open'
        and (furthest.is_won or stages.stage_order <= furthest.furthest_open_order)
),

stage_counts as (
    select
        reached.source_system,
        reached.pipeline,
        reached.stage,
        count(*) as deals_reached,
        count(*) filter (where deals.is_whatsapp_attributed) as whatsapp_deals_reached,
        count(*) filter (where not deals.is_whatsapp_attributed) as other_deals_reached,
        quantile_cont(date_diff('day', deals.created_at, deals.closed_at), 0.5) as median_days_to_close
    from reached
    inner join deals using (deal_id)
    group by all
),

-- A finished stay counts in full; a deal still in the stage has not finished its stay.
stay_durations as (
    select
        source_system, pipeline, stage,
        quantile_cont(cast(date_diff('second', entered_at, left_at) as decimal(28, 6)) / 86400, 0.5)
            as median_days_in_stage
    from stage_entries
    where left_at is not null
    group by all
),

current_counts as (
    select source_system, pipeline, stage, count(*) as deals_in_stage from deals group by all
),

-- The open stage a stage leads to, else the pipeline's won stage (for its last open stage).
next_stages as (
    select stages.source_system, stages.pipeline, stages.stage, min(later.stage_order) as next_stage_order
    from stages
    inner join stages as later
        on later.source_system = stages.source_system and later.pipeline = stages.pipeline
        and later.stage_order > stages.stage_order and later.stage_outcome <> 'lost'
    where stages.stage_outcome = 'open'
    group by all
),

joined as (
    select
        stages.*,
        coalesce(current_counts.deals_in_stage, 0) as deals_in_stage,
        coalesce(stage_counts.deals_reached, 0) as deals_reached,
        coalesce(stage_counts.whatsapp_deals_reached, 0) as whatsapp_deals_reached,
        coalesce(stage_counts.other_deals_reached, 0) as other_deals_reached,
        next_counts.deals_reached as next_deals_reached,
        next_counts.whatsapp_deals_reached as next_whatsapp_deals_reached,
        next_counts.other_deals_reached as next_other_deals_reached,
        stay_durations.median_days_in_stage,
        case when stages.stage_outcome <> 'open' then stage_counts.median_days_to_close end as median_days_to_close
    from stages
    left join stage_counts using (source_system, pipeline, stage)
    left join current_counts using (source_system, pipeline, stage)
    left join stay_durations using (source_system, pipeline, stage)
    left join next_stages using (source_system, pipeline, stage)
    left join stages as next_stage_rows
        on next_stage_rows.source_system = stages.source_system and next_stage_rows.pipeline = stages.pipeline
        and next_stage_rows.stage_order = next_stages.next_stage_order
    left join stage_counts as next_counts
        on next_counts.source_system = next_stage_rows.source_system and next_counts.pipeline = next_stage_rows.pipeline
        and next_counts.stage = next_stage_rows.stage
)

select
    source_system, pipeline, stage, stage_label, stage_order, stage_outcome,
    deals_in_stage, deals_reached, whatsapp_deals_reached, other_deals_reached,
    ratio(next_deals_reached, deals_reached) as share_reaching_next,
    ratio(next_whatsapp_deals_reached, whatsapp_deals_reached)
        as whatsapp_share_reaching_next,
    ratio(next_other_deals_reached, other_deals_reached)
        as other_share_reaching_next,
    median_days_in_stage,
    median_days_to_close
from joined;
