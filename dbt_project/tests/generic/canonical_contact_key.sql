{#- People are counted through the canonical key: the column never holds the key of a number whose person the
    identity merge (int_contact_keys_mapped) keyed otherwise — that would count a person with two numbers twice. -#}
{% test canonical_contact_key(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} in (
    select source_record_id
    from {{ ref('int_contact_keys_mapped') }}
    where source_system = 'whatsapp'
        and contact_key <> source_record_id
)

{% endtest %}
