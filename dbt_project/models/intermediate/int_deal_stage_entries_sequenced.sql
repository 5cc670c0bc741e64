with

deals as (

    select * from {{ ref('int_deals_enriched') }}

),

status_changes as (

    select * from {{ ref('stg_amocrm__lead_status_changes') }}

),

deal_stage_changes as (

    select * from {{ ref('stg_hubspot__deal_stage_changes') }}

),

-- A lead's first status is where its first change started from; a lead that never moved is still in it.
first_changes as (

    select
        lead_id,
        pipeline_id_before,
        status_id_before,
        row_number() over (partition by lead_id order by changed_at, event_id) as change_number
    from status_changes

),

amocrm_entries as (

    select
        deals.deal_id,
        deals.source_system,
        coalesce(first_changes.pipeline_id_before, deals.pipeline) as pipeline,
        coalesce(first_changes.status_id_before, deals.stage) as stage,
        deals.created_at as entered_at,
        0 as entry_rank
    from deals
    left join first_changes
        on first_changes.lead_id = deals.source_deal_id
        and first_changes.change_number = 1
    where deals.source_system = 'amocrm'

    union all

    select
        deals.deal_id,
        deals.source_system,
        status_changes.pipeline_id_after,
        status_changes.status_id_after,
        status_changes.changed_at,
        1
    from status_changes
    inner join deals
        on deals.source_deal_id = status_changes.lead_id
        and deals.source_system = 'amocrm'

),

-- HubSpot's dealstage history starts with the stage the deal was created in. HubSpot keeps no history of the
-- pipeline property here, so every stage is read in the deal's current pipeline.
hubspot_entries as (

    select
        deals.deal_id,
        deals.source_system,
        deals.pipeline,
        deal_stage_changes.deal_stage as stage,
        deal_stage_changes.changed_at as entered_at,
        0 as entry_rank
    from deal_stage_changes
    inner join deals
        on deals.source_deal_id = deal_stage_changes.deal_id
        and deals.source_system = 'hubspot'

),

entries as (

    select * from amocrm_entries
    union all
    select * from hubspot_entries

),

-- A stay ends when the deal enters its next stage; the last one is still open (left_at null).
sequenced as (

    select
        deal_id,
        source_system,
        pipeline,
        stage,
        entered_at,
        row_number() over (partition by deal_id order by entered_at, entry_rank, stage) as entry_number
    from entries

),

final as (

    select
        sequenced.deal_id,
        sequenced.entry_number,
        sequenced.source_system,
        sequenced.pipeline,
        sequenced.stage,
        sequenced.entered_at,
        next_entries.entered_at as left_at
    from sequenced
    left join sequenced as next_entries
        on next_entries.deal_id = sequenced.deal_id
        and next_entries.entry_number = sequenced.entry_number + 1

)

select * from final
