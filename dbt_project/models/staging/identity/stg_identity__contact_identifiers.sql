with

identifiers as (

    select * from {{ source('raw', 'contact_identifiers') }}

),

final as (

    select
        identifier,
        identifier_kind,
        coalesce(region_hint, '') as region_hint,
        region,
        is_valid,
        contact_key,
        normalised_at
    from identifiers

)

select * from final
