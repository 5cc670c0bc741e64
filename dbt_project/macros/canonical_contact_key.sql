{#- Message-level models carry the key of the WhatsApp number itself; the person behind it is the canonical
    contact_key of int_contact_keys_mapped. Models that meet people from other sources map it where they read it —
    not inside the (incremental) message models, so an identity merge never leaves a stale key stored there.
    Use as `select {{ canonical_contact_key('messages') }} as contact_key ... from messages
    {{ join_canonical_contact_keys('messages') }}`. -#}
{% macro canonical_contact_key(alias) -%}
    coalesce(whatsapp_contact_keys.contact_key, {{ alias }}.contact_key)
{%- endmacro %}

{% macro join_canonical_contact_keys(alias) -%}
    left join {{ ref('int_contact_keys_mapped') }} as whatsapp_contact_keys
        on whatsapp_contact_keys.source_system = 'whatsapp'
        and whatsapp_contact_keys.source_record_id = {{ alias }}.contact_key
{%- endmacro %}
