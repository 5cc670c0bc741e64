{#- The one normal form every keyword match compares in (DESIGN §6 keyword coverage): lower case; the Arabic
    letters people type interchangeably folded (أ إ آ → ا, ى → ي, ة → ه); Arabic diacritics (tashkeel
    U+064B..U+0652) and tatweel (U+0640) removed; Cyrillic ё → е. translate() deletes the characters of its second
    argument that have no counterpart in the third, and lower(), translate() and trim() exist on every engine we
    target, so no dispatch is needed. -#}
{% macro normalise_text(column) -%}
    {%- set folded_from = 'أإآىةЁё' -%}
    {%- set folded_to = 'ااايهЕе' -%}
    {%- set removed = '\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640' -%}
    lower(trim(translate({{ column }}, '{{ folded_from }}{{ removed }}', '{{ folded_to }}')))
{%- endmacro %}
