with

inbound_messages as (

    select * from {{ ref('int_messages_person_keyed') }}
    where direction = 'inbound' and sent_at is not null

),

purchases as (

    select * from {{ ref('int_purchases_flagged') }}

),

-- A contact is active in a month when they wrote to the business or bought (DESIGN §5). Both sides carry the
-- canonical person, so a person writing from two numbers is one contact-month. New sources (inbox messages, amoCRM
-- leads) join this union.
activities as (

    select
        contact_key,
        {{ month_start('sent_at') }} as activity_month,
        1 as inbound_messages,
        0 as won_deals,
        0 as won_revenue
    from inbound_messages

    union all

    select
        contact_key,
        purchase_month as activity_month,
        0 as inbound_messages,
        1 as won_deals,
        coalesce(amount, 0) as won_revenue
    from purchases

),

final as (

    select
        contact_key,
        activity_month,
        {{ dbt.cast('sum(inbound_messages)', dbt.type_bigint()) }} as inbound_messages,
        {{ dbt.cast('sum(won_deals)', dbt.type_bigint()) }} as won_deals,
        sum(won_revenue) as won_revenue
    from activities
    group by contact_key, activity_month

)

select * from final
