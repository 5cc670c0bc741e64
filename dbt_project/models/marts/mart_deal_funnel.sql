{#- Every rollup below is keyed by the stage: its CRM, pipeline and stage id. -#}
{%- set stage_key = ['source_system', 'pipeline', 'stage'] -%}
{%- set pipeline_key = ['source_system', 'pipeline'] -%}

with

deals as (

    select * from {{ ref('int_deals_attributed') }}

),

known_stages as (

    select * from {{ ref('int_pipeline_stages_unioned') }}

),

stage_entries as (

    select * from {{ ref('int_deal_stage_entries_sequenced') }}

),

-- Every stage a deal was ever in (its stage history) or is in now.
visits as (

    select deal_id, source_system, pipeline, stage from stage_entries
    union
    select deal_id, source_system, pipeline, stage from deals

),

-- Every stage of the known pipelines, plus any stage a deal visited that the pipelines do not list (no order).
stages as (

    select source_system, pipeline, stage, stage_label, stage_order, stage_outcome from known_stages

    union all

    -- Its outcome is that of the deals closed in it (won before open before lost), else open.
    select
        visits.source_system,
        visits.pipeline,
        visits.stage,
        {{ dbt.cast('null', dbt.type_string()) }} as stage_label,
        {{ dbt.cast('null', dbt.type_int()) }} as stage_order,
        max(case when deals.is_won then 'won' when deals.is_lost then 'lost' else 'open' end) as stage_outcome
    from visits
    left join known_stages
        on {{ same_columns('known_stages', 'visits', stage_key) }}
    left join deals
        on deals.deal_id = visits.deal_id
        and deals.stage = visits.stage
    where known_stages.stage is null
    group by visits.source_system, visits.pipeline, visits.stage

),

-- How far down its current pipeline a deal got: the furthest open stage it visited (at least the first stage, where
-- a deal enters a pipeline), or past every open stage when it was won. A stage skipped on the way counts as passed.
furthest_stages as (

    select
        deals.deal_id,
        deals.source_system,
        deals.pipeline,
        case
            when deals.is_won then {{ dbt.cast('null', dbt.type_int()) }}
            else coalesce(max(case when stages.stage_outcome = 'open' then stages.stage_order end), 1)
        end as furthest_open_order,
        deals.is_won
    from deals
    left join visits
        on visits.deal_id = deals.deal_id
        and visits.pipeline = deals.pipeline
    left join stages
        on {{ same_columns('stages', 'visits', stage_key) }}
    group by deals.deal_id, deals.source_system, deals.pipeline, deals.is_won

),

reached as (

    select deal_id, source_system, pipeline, stage from visits

    union

    select
        furthest_stages.deal_id,
        stages.source_system,
        stages.pipeline,
        stages.stage
    from furthest_stages
    inner join stages
        on {{ same_columns('stages', 'furthest_stages', pipeline_key) }}
        and stages.stage_outcome = 'open'
        and (furthest_stages.is_won or stages.stage_order <= furthest_stages.furthest_open_order)

),

stage_counts as (

    select
        reached.source_system,
        reached.pipeline,
        reached.stage,
        count(*) as deals_reached,
        count(case when deals.is_whatsapp_attributed then 1 end) as whatsapp_deals_reached,
        count(case when not deals.is_whatsapp_attributed then 1 end) as other_deals_reached,
        {{ percentile(dbt.datediff('deals.created_at', 'deals.closed_at', 'day'), 0.5) }} as median_days_to_close
    from reached
    inner join deals
        on deals.deal_id = reached.deal_id
    group by reached.source_system, reached.pipeline, reached.stage

),

-- A finished stay (the deal moved on) counts in full; a deal still in the stage has not finished its stay.
stay_durations as (

    select
        source_system,
        pipeline,
        stage,
        {{ percentile(
            dbt.cast(dbt.datediff('entered_at', 'left_at', 'second'), dbt.type_numeric()) ~ ' / 86400', 0.5
        ) }} as median_days_in_stage
    from stage_entries
    where left_at is not null
    group by source_system, pipeline, stage

),

current_counts as (

    select
        source_system,
        pipeline,
        stage,
        count(*) as deals_in_stage
    from deals
    group by source_system, pipeline, stage

),

-- The open stage a stage leads to, else the pipeline's won stage (for its last open stage): the first of the later
-- stages that are not lost.
next_stages as (

    select
        stages.source_system,
        stages.pipeline,
        stages.stage,
        later.stage as next_stage,
        row_number() over (
            partition by stages.source_system, stages.pipeline, stages.stage
            order by later.stage_order, later.stage
        ) as next_rank
    from stages
    inner join stages as later
        on {{ same_columns('later', 'stages', pipeline_key) }}
        and later.stage_order > stages.stage_order
        and later.stage_outcome <> 'lost'
    where stages.stage_outcome = 'open'

),

next_counts as (

    select
        next_stages.source_system,
        next_stages.pipeline,
        next_stages.stage,
        stage_counts.deals_reached,
        stage_counts.whatsapp_deals_reached,
        stage_counts.other_deals_reached
    from next_stages
    inner join stage_counts
        on {{ same_columns('stage_counts', 'next_stages', pipeline_key) }}
        and stage_counts.stage = next_stages.next_stage
    where next_stages.next_rank = 1

),

joined as (

    select
        stages.source_system,
        stages.pipeline,
        stages.stage,
        stages.stage_label,
        stages.stage_order,
        stages.stage_outcome,
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
    {%- for rollup in ['stage_counts', 'current_counts', 'stay_durations', 'next_counts'] %}
    left join {{ rollup }}
        on {{ same_columns(rollup, 'stages', stage_key) }}
    {%- endfor %}

),

final as (

    select
        source_system,
        pipeline,
        stage,
        stage_label,
        stage_order,
        stage_outcome,
        deals_in_stage,
        deals_reached,
        whatsapp_deals_reached,
        other_deals_reached,
        {{ ratio('next_deals_reached', 'deals_reached') }} as share_reaching_next,
        {{ ratio('next_whatsapp_deals_reached', 'whatsapp_deals_reached') }} as whatsapp_share_reaching_next,
        {{ ratio('next_other_deals_reached', 'other_deals_reached') }} as other_share_reaching_next,
        median_days_in_stage,
        median_days_to_close
    from joined

)

select * from final
