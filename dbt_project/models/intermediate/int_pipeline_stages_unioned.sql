with

hubspot_stages as (

    select * from {{ ref('stg_hubspot__pipeline_stages') }}
    where not is_archived

),

amocrm_statuses as (

    select * from {{ ref('stg_amocrm__pipeline_statuses') }}

),

-- amoCRM sorts its statuses by `sort`, and lists the closing statuses 142 and 143 last in every pipeline.
amocrm_stages as (

    select
        'amocrm' as source_system,
        pipeline_id as pipeline,
        status_id as stage,
        status_name as stage_label,
        row_number() over (partition by pipeline_id order by status_sort, status_id) as stage_order,
        case when is_won_status then 'won' when is_lost_status then 'lost' else 'open' end as stage_outcome
    from amocrm_statuses

),

final as (

    select
        'hubspot' as source_system,
        pipeline_id as pipeline,
        stage_id as stage,
        stage_label,
        row_number() over (partition by pipeline_id order by display_order, stage_id) as stage_order,
        stage_outcome
    from hubspot_stages

    union all

    select * from amocrm_stages

)

select * from final
