with

-- Associations belong to the deal's latest version.
latest_versions as (

    {{ latest_versions(source('raw', 'hubspot_deals')) }}

),

associations as (

    select
        latest_versions.source_id as deal_id,
        {{ json_text('association.element', '$.id') }} as hubspot_contact_id,
        {{ json_text('association.element', '$.type') }} as association_type
    from latest_versions
    {{ unnest_json_array('latest_versions.payload', '$.associations.contacts.results', 'association') }}

),

-- HubSpot lists a pair once per association type (labelled and unlabelled): one row per pair.
final as (

    select
        deal_id,
        hubspot_contact_id,
        min(association_type) as association_type
    from associations
    where hubspot_contact_id is not null
    group by deal_id, hubspot_contact_id

)

select * from final
