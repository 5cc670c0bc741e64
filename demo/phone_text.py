"""How people type a phone number into a CRM: the same number in many free-text shapes.

Every shape except the deliberate garbage parses back to the same number given the contact's
country as a region hint (the local forms have no country code, so they need it).
"""

from __future__ import annotations

import random

from demo.geography import PhoneNumber

# International prefixes where they are not "00": Russia and Kazakhstan dial 8~10, the US 011, Brazil
# 00 plus a carrier code (21 here).
_EXIT_CODES = {"RU": "810", "KZ": "810", "US": "011", "BR": "0021"}
GARBAGE = ("n/a", "-", "no phone", "TBD", "0000", "ask on whatsapp")


def _groups(digits: str, sizes: tuple[int, ...]) -> list[str]:
    """Split digits into groups of the given sizes; the last group takes the rest."""
    out, at = [], 0
    for size in sizes:
        if at >= len(digits):
            break
        out.append(digits[at : at + size])
        at += size
    if at < len(digits):
        out[-1] += digits[at:]
    return out


def _split_national(national: str) -> list[str]:
    if len(national) <= 9:
        return _groups(national, (2, 3, 4))
    return _groups(national, (3, 3, 4))


def render_phone(rng: random.Random, phone: PhoneNumber) -> str:
    """One free-text rendering of the number as a person or a sales rep would type it."""
    cc, national, trunk = phone.country.calling_code, phone.crm_national, phone.country.trunk_prefix
    parts = _split_national(national)
    style = rng.randrange(9)
    if style == 0:
        return f"+{cc} {' '.join(parts)}"
    if style == 1:  # written with the international prefix dialled from the person's own country
        return f"{_EXIT_CODES.get(phone.country.iso, '00')}{cc}{national}"
    if style == 2:
        return f"{trunk}{'-'.join(parts)}"
    if style == 3:
        return f"({trunk}{parts[0]}) {''.join(parts[1:])} ext {rng.randint(1, 9)}"
    if style == 4:
        return f"{cc}{national}"
    if style == 5:
        return f"+{cc}.{'.'.join(parts)}"
    if style == 6:
        return f"+{cc}-{'-'.join(parts)}"
    if style == 7:
        return f"{trunk} ({parts[0]}) {' '.join(parts[1:])}".strip()
    return f"+{cc}{national}"


def render_crm_phones(rng: random.Random, phone: PhoneNumber | None) -> tuple[str | None, str | None]:
    """The `phone` and `mobilephone` properties: usually one or both set, sometimes missing or garbage."""
    if phone is None:
        return (rng.choice((None, rng.choice(GARBAGE))), None)
    roll = rng.random()
    if roll < 0.45:
        return render_phone(rng, phone), None
    if roll < 0.75:
        return None, render_phone(rng, phone)
    if roll < 0.93:
        return render_phone(rng, phone), render_phone(rng, phone)
    return rng.choice(GARBAGE), render_phone(rng, phone)
