"""How the sales desk types numbers into amoCRM's PHONE field: one free-text value per number.

No country is kept on an amoCRM contact, so the first value always carries the country code;
further values are the same number again, sometimes in the local form (`8 916 …`) that cannot be
read without knowing the country. Two-form people get both their WhatsApp and their CRM form.
"""

from __future__ import annotations

import random

from demo.geography import PhoneNumber


def _spaced(national: str) -> str:
    head, middle, tail = national[:-7], national[-7:-4], national[-4:]
    return f"{head} {middle}-{tail[:2]}-{tail[2:]}" if head else f"{middle}-{tail}"


def international_form(rng: random.Random, cc: str, national: str) -> str:
    """A shape that carries the country code, so it reads without knowing the contact's country."""
    style = rng.randrange(4)
    if style == 0:
        return f"+{cc} {_spaced(national)}"
    if style == 1:
        return f"+{cc}{national}"
    if style == 2:
        return f"{cc}{national}"
    return f"+{cc} ({national[:3]}) {national[3:]}"


def phone_values(rng: random.Random, phone: PhoneNumber, two_form: bool) -> list[str]:
    """1-3 free-text values for one number: one always international; two-form people get both forms."""
    cc = phone.country.calling_code
    values = [international_form(rng, cc, phone.national)]
    if two_form:
        whatsapp_national = phone.wa_id[len(cc) :]
        other = phone.crm_national if whatsapp_national == phone.national else whatsapp_national
        values.append(f"+{cc} {_spaced(other)}")
    for _ in range(rng.choice((0, 0, 1, 2)) if len(values) == 1 else 0):
        local = phone.country.trunk_prefix + " " + _spaced(phone.national)
        values.append(local.strip() if rng.random() < 0.5 else international_form(rng, cc, phone.national))
    return values
