{#- The messaging side of ROI, one row per month (× `group_columns`): both ROI marts read it here, so a month's
    messages, cost and recipients mean the same in each. Recipients are distinct people (the canonical person of
    int_messages_person_keyed, not the number) with a message delivered or read in the month. -#}
{% macro priced_message_months(group_columns=[], where='1 = 1') %}
    select
        {{ month_start('priced_messages.sent_at') }} as report_month,
        {%- for column in group_columns %}
        priced_messages.{{ column }},
        {%- endfor %}
        count(*) as messages_sent,
        count(case when priced_messages.pricing_category = 'marketing' then 1 end) as marketing_messages,
        count(case when priced_messages.pricing_category = 'utility' then 1 end) as utility_messages,
        count(case when priced_messages.pricing_category in ('authentication', 'authentication_international') then 1 end)
            as authentication_messages,
        count(case when priced_messages.pricing_category = 'service' then 1 end) as service_messages,
        count(case when priced_messages.is_delivered then 1 end) as delivered,
        count(case when priced_messages.is_charged then 1 end) as charged_messages,
        coalesce(sum(priced_messages.price), 0) as messaging_cost,
        count(distinct case when priced_messages.is_delivered then person_messages.contact_key end) as recipients
    from {{ ref('int_messages_priced') }} as priced_messages
    left join {{ ref('int_messages_person_keyed') }} as person_messages
        on person_messages.message_id = priced_messages.message_id
    where {{ where }}
    group by
        {{ month_start('priced_messages.sent_at') }}
        {%- for column in group_columns %},
        priced_messages.{{ column }}
        {%- endfor %}
{% endmacro %}
