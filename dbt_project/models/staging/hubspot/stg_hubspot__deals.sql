with

-- Each pull lands the record as it was then: keep its latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'hubspot_deals')) }}

),

parsed as (

    select
        source_id as deal_id,
        {{ json_text('payload', '$.properties.pipeline') }} as pipeline,
        {{ json_text('payload', '$.properties.dealstage') }} as deal_stage,
        {{ dbt.safe_cast("nullif(trim(" ~ json_text('payload', '$.properties.amount') ~ "), '')", dbt.type_numeric()) }}
            as amount,
        upper(nullif(trim({{ json_text('payload', '$.properties.deal_currency_code') }}), '')) as currency,
        lower(trim({{ json_text('payload', '$.properties.hs_is_closed_won') }})) as closed_won_text,
        lower(trim({{ json_text('payload', '$.properties.hs_is_closed_lost') }})) as closed_lost_text,
        lower(trim({{ json_text('payload', '$.properties.hs_is_closed') }})) as closed_text,
        lower(trim({{ json_text('payload', '$.properties.lead_source') }})) as lead_source,
        coalesce(
            {{ iso8601_to_timestamp(json_text('payload', '$.properties.createdate')) }},
            {{ iso8601_to_timestamp(json_text('payload', '$.createdAt')) }}
        ) as created_at,
        {{ iso8601_to_timestamp(json_text('payload', '$.properties.closedate')) }} as close_date_at,
        updated_at,
        coalesce({{ json_text('payload', '$.archived') }} = 'true', false) as is_archived,
        extracted_at
    from latest_versions

),

flagged as (

    select
        *,
        coalesce(closed_won_text = 'true', false) as is_closed_won,
        -- Stage ids are per portal, so lost comes from HubSpot's own flags when they were pulled. Without them:
        -- the default pipeline's closedlost stage, or a deal modified after its close date (an open deal's
        -- closedate is its expected close, still ahead).
        case
            when closed_won_text = 'true' then false
            when closed_lost_text is not null then closed_lost_text = 'true'
            when closed_text is not null then closed_text = 'true'
            else coalesce(lower(deal_stage) = 'closedlost' or close_date_at < updated_at, false)
        end as is_closed_lost
    from parsed

),

final as (

    select
        deal_id,
        pipeline,
        deal_stage,
        amount,
        currency,
        is_closed_won,
        is_closed_lost,
        -- The custom deal property lead_source, folded into the channels the marts compare.
        case
            when lead_source like '%whatsapp%' then 'whatsapp'
            when lead_source like '%mail%' then 'email'
            when lead_source like '%sms%' or lead_source like '%text message%' then 'sms'
            when lead_source like '%web%' or lead_source like '%site%' or lead_source like '%organic%' then 'web'
            else 'other'
        end as lead_channel,
        lead_source,
        created_at,
        case when is_closed_won or is_closed_lost then close_date_at end as closed_at,
        close_date_at,
        updated_at,
        is_archived,
        extracted_at
    from flagged

)

select * from final
