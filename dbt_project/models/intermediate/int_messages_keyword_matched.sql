{{ config(**windowed_incremental('sent_date')) }}

with

inbound_texts as (

    select * from {{ ref('stg_whatsapp__messages') }}
    where has_text

),

inbound_messages as (

    select * from {{ ref('int_messages_resolved') }}
    where direction = 'inbound'
        and {{ in_window('sent_date') }}

),

rules as (

    select * from {{ ref('seed_keyword_rules') }}

),

-- Both sides go through the same normal form, so a rule written with a variant letter still matches.
normalised_texts as (

    select
        message_id,
        {{ normalise_text('text_body') }} as normalised_text
    from inbound_texts

),

normalised_rules as (

    select
        rule_id,
        intent,
        is_auto_reply,
        {{ normalise_text('keyword') }} as keyword
    from rules

),

-- Every rule whose keyword occurs in the message; the lowest rule id is the rule that fires.
matches as (

    select
        normalised_texts.message_id,
        normalised_rules.rule_id,
        normalised_rules.intent,
        normalised_rules.is_auto_reply,
        row_number() over (
            partition by normalised_texts.message_id
            order by normalised_rules.rule_id
        ) as match_rank
    from normalised_texts
    inner join normalised_rules
        on {{ dbt.position('normalised_rules.keyword', 'normalised_texts.normalised_text') }} > 0

),

-- The text itself stays behind: only the rule it matched leaves this model.
final as (

    select
        inbound_messages.message_id,
        inbound_messages.contact_key,
        inbound_messages.sent_at,
        inbound_messages.sent_date,
        first_matches.rule_id as matched_rule_id,
        first_matches.intent as matched_intent,
        first_matches.rule_id is not null as is_keyword_matched,
        coalesce(first_matches.is_auto_reply, false) as is_auto_reply_rule
    from inbound_messages
    inner join normalised_texts
        on normalised_texts.message_id = inbound_messages.message_id
    left join matches as first_matches
        on first_matches.message_id = inbound_messages.message_id
        and first_matches.match_rank = 1

)

select * from final
