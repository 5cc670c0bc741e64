with

-- The history belongs to the deal's latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'hubspot_deals')) }}

),

versions as (

    select
        latest_versions.source_id as deal_id,
        {{ json_text('version.element', '$.value') }} as deal_stage,
        {{ iso8601_to_timestamp(json_text('version.element', '$.timestamp')) }} as changed_at,
        {{ json_text('version.element', '$.sourceType') }} as change_source,
        latest_versions.extracted_at
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$.propertiesWithHistory.dealstage', 'version') }}

),

-- A property can be set again to the value it holds (an import, a workflow): only a new value is a stage change.
sequenced as (

    select
        *,
        lag(deal_stage) over (partition by deal_id order by changed_at) as previous_stage
    from versions
    where deal_stage is not null and changed_at is not null

),

final as (

    select
        deal_id,
        deal_stage,
        changed_at,
        change_source,
        extracted_at
    from sequenced
    where previous_stage is null or previous_stage <> deal_stage

)

select * from final
