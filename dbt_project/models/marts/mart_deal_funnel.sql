with

deals as (

    select * from {{ ref('int_deals_attributed') }}

),

seeded_stages as (

    select * from {{ ref('seed_deal_stages') }}

),

-- Every stage of the known pipelines, plus any stage a deal sits in that the pipelines do not list (no order).
stages as (

    select pipeline, stage, stage_label, stage_order, stage_outcome from seeded_stages

    union all

    select distinct
        deals.pipeline,
        deals.stage,
        {{ dbt.cast('null', dbt.type_string()) }} as stage_label,
        {{ dbt.cast('null', dbt.type_int()) }} as stage_order,
        case when deals.is_won then 'won' when deals.is_lost then 'lost' else 'open' end as stage_outcome
    from deals
    left join seeded_stages
        on seeded_stages.pipeline = deals.pipeline
        and seeded_stages.stage = deals.stage
    where seeded_stages.stage is null

),

-- The open stage a stage leads to, else the pipeline's won stage (for its last open stage).
next_stages as (

    select
        stages.pipeline,
        stages.stage,
        min(later.stage_order) as next_stage_order
    from stages
    inner join stages as later
        on later.pipeline = stages.pipeline
        and later.stage_order > stages.stage_order
        and later.stage_outcome <> 'lost'
    where stages.stage_outcome = 'open'
    group by stages.pipeline, stages.stage

),

positioned_deals as (

    select
        deals.deal_id,
        deals.pipeline,
        deals.stage,
        deals.is_whatsapp_attributed,
        deals.created_at,
        deals.closed_at,
        seeded_stages.stage_order as current_stage_order,
        coalesce(
            seeded_stages.stage_outcome,
            case when deals.is_won then 'won' when deals.is_lost then 'lost' else 'open' end
        ) as outcome
    from deals
    left join seeded_stages
        on seeded_stages.pipeline = deals.pipeline
        and seeded_stages.stage = deals.stage

),

-- HubSpot's stage history is not landed yet, so "reached" is read from the current stage and the stage order:
-- an open deal passed every open stage up to its own; a won deal passed every open stage and the won stage; a lost
-- deal is only known to have entered the first stage and the lost stage (where it dropped out is unknown, so later
-- stages are a lower bound). A deal in a stage the pipelines do not list reached that stage only.
reached as (

    select
        positioned_deals.deal_id,
        positioned_deals.is_whatsapp_attributed,
        positioned_deals.created_at,
        positioned_deals.closed_at,
        stages.pipeline,
        stages.stage
    from positioned_deals
    inner join stages
        on stages.pipeline = positioned_deals.pipeline
    where stages.stage = positioned_deals.stage
        or (
            stages.stage_outcome = 'open'
            and (
                positioned_deals.outcome = 'won'
                or (positioned_deals.outcome = 'open' and stages.stage_order < positioned_deals.current_stage_order)
                or (positioned_deals.outcome = 'lost' and stages.stage_order = 1)
            )
        )

),

stage_counts as (

    select
        pipeline,
        stage,
        count(*) as deals_reached,
        count(case when is_whatsapp_attributed then 1 end) as whatsapp_deals_reached,
        count(case when not is_whatsapp_attributed then 1 end) as other_deals_reached,
        {{ percentile(dbt.datediff('created_at', 'closed_at', 'day'), 0.5) }} as median_days_to_close
    from reached
    group by pipeline, stage

),

current_counts as (

    select
        pipeline,
        stage,
        count(*) as deals_in_stage
    from positioned_deals
    group by pipeline, stage

),

joined as (

    select
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
        case when stages.stage_outcome <> 'open' then stage_counts.median_days_to_close end as median_days_to_close
    from stages
    left join stage_counts
        on stage_counts.pipeline = stages.pipeline
        and stage_counts.stage = stages.stage
    left join current_counts
        on current_counts.pipeline = stages.pipeline
        and current_counts.stage = stages.stage
    left join next_stages
        on next_stages.pipeline = stages.pipeline
        and next_stages.stage = stages.stage
    left join stages as next_stage_rows
        on next_stage_rows.pipeline = next_stages.pipeline
        and next_stage_rows.stage_order = next_stages.next_stage_order
    left join stage_counts as next_counts
        on next_counts.pipeline = next_stage_rows.pipeline
        and next_counts.stage = next_stage_rows.stage

),

final as (

    select
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
        -- Needs the stage history (entry time of each stage); null until HubSpot's stage history is landed.
        {{ dbt.cast('null', dbt.type_numeric()) }} as median_days_in_stage,
        median_days_to_close
    from joined

)

select * from final
