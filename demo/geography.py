"""Markets of the synthetic business: who lives where, speaks what, and how their numbers look.

Mobile ranges are real numbering-plan ranges so that a phone library judges the numbers valid.
Mexico, Argentina and Brazil are the countries where WhatsApp's `wa_id` and the number a person
writes in a CRM can differ for the same phone, which identity matching must know about.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    calling_code: str
    utc_offset_hours: float
    language: str  # "ar", "ru" or "en": the language customers there write in
    weight: int
    mobile_prefixes: tuple[str, ...]  # national significant number prefixes of mobiles
    subscriber_digits: int  # digits after the prefix (0: derived, see new_phone)
    trunk_prefix: str  # what locals dial before the national number ("0", "8" or "")


COUNTRIES: tuple[Country, ...] = (
    Country("AE", "United Arab Emirates", "971", 4, "ar", 18, ("50", "52", "54", "55", "56", "58"), 7, "0"),
    Country("SA", "Saudi Arabia", "966", 3, "ar", 14, ("50", "53", "54", "55", "56", "59"), 7, "0"),
    Country("EG", "Egypt", "20", 2, "ar", 10, ("10", "11", "12", "15"), 8, "0"),
    Country("RU", "Russia", "7", 3, "ru", 12, ("916", "903", "925", "985", "926", "912"), 7, "8"),
    Country("KZ", "Kazakhstan", "7", 5, "ru", 5, ("701", "702", "705", "707", "747", "777"), 7, "8"),
    Country(
        "GB",
        "United Kingdom",
        "44",
        0,
        "en",
        8,
        ("7400", "7450", "7520", "7710", "7770", "7830", "7950"),
        6,
        "0",
    ),
    Country("US", "United States", "1", -5, "en", 8, ("212", "415", "646", "312", "617", "305"), 7, ""),
    Country("IN", "India", "91", 5.5, "en", 10, ("98", "99", "97", "96", "94", "90"), 8, "0"),
    Country("MX", "Mexico", "52", -6, "en", 6, ("55", "33", "81"), 8, ""),
    Country("AR", "Argentina", "54", -3, "en", 4, ("11", "351", "341"), 0, "0"),
    Country("BR", "Brazil", "55", -3, "en", 5, ("11", "21", "31", "41"), 8, "0"),
)
_WEIGHTS = [c.weight for c in COUNTRIES]


@dataclass(frozen=True)
class PhoneNumber:
    """One person's mobile number: the canonical form and the two forms the sources may hold."""

    country: Country
    national: str  # national significant number in its canonical (dialable today) form
    wa_id: str  # what WhatsApp reports: digits, no "+"
    crm_national: str  # national number as the person would give it to a salesperson

    @property
    def e164(self) -> str:
        return f"+{self.country.calling_code}{self.national}"

    @property
    def is_two_form(self) -> bool:
        return self.wa_id != f"{self.country.calling_code}{self.national}" or self.crm_national != self.national


def pick_country(rng: random.Random) -> Country:
    return rng.choices(COUNTRIES, _WEIGHTS)[0]


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def new_phone(rng: random.Random, country: Country, two_form: bool) -> PhoneNumber:
    """A valid mobile; with `two_form`, the WhatsApp and CRM forms differ as they do in the wild."""
    prefix = rng.choice(country.mobile_prefixes)
    # Argentine area codes vary in length; area code plus number is always ten digits.
    length = 10 - len(prefix) if country.iso == "AR" else country.subscriber_digits
    subscriber = str(rng.randint(2, 8)) + _digits(rng, length - 1)
    if country.iso == "US":
        subscriber = str(rng.randint(2, 9)) + "5" + _digits(rng, 5)  # exchange 25x..95x avoids N11 codes
    cc = country.calling_code
    if country.iso == "AR":
        # Mobiles are +54 9 <area> <number>; people write them without the 9 (and WhatsApp keeps it).
        canonical = "9" + prefix + subscriber
        return PhoneNumber(country, canonical, cc + canonical, prefix + subscriber if two_form else canonical)
    if country.iso == "MX":
        # Since 2019 the "1" after +52 is gone, but older WhatsApp accounts still report 521...
        canonical = prefix + subscriber
        return PhoneNumber(country, canonical, cc + ("1" if two_form else "") + canonical, canonical)
    if country.iso == "BR":
        # The ninth mobile digit was added in 2012-2016; older WhatsApp accounts report the 8-digit form.
        eight = str(rng.randint(7, 9)) + _digits(rng, 7)
        canonical = prefix + "9" + eight
        return PhoneNumber(country, canonical, cc + (prefix + eight if two_form else canonical), canonical)
    national = prefix + subscriber
    return PhoneNumber(country, national, cc + national, national)


def has_two_forms(country: Country) -> bool:
    return country.iso in {"MX", "AR", "BR"}
