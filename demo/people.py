"""The synthetic population: CRM contacts, WhatsApp users, and the overlap the pipeline must find.

Most CRM contacts use WhatsApp; some WhatsApp users never made it into the CRM; ~3 % of WhatsApp
users are business-scoped users (BSUID, since 2026) whom Meta reports by `user_id` with no phone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from demo.config import GenerationConfig
from demo.geography import Country, PhoneNumber, has_two_forms, new_phone, pick_country
from demo.names import email_for, pick_name

BSUID_SINCE = datetime(2026, 1, 1, tzinfo=UTC)
WHATSAPP_SHARE_OF_CRM = 0.85
EXTRA_WHATSAPP_ONLY = 0.05  # WhatsApp users never entered in the CRM, as a share of CRM contacts
BSUID_SHARE = 0.03
TWO_FORM_SHARE = 0.35  # of MX/AR/BR people, those whose WhatsApp and CRM forms differ
NO_USABLE_PHONE_SHARE = 0.02  # CRM contacts whose phone fields are empty or garbage
FIRST_CONTACT_ID = 151


@dataclass(frozen=True)
class Person:
    index: int
    country: Country
    first_name: str
    last_name: str
    profile_name: str
    email: str
    phone: PhoneNumber | None  # None: the sources never see a number (BSUID user)
    user_id: str | None  # business-scoped user id for BSUID users
    is_whatsapp: bool
    contact_id: str | None  # HubSpot id when the person is a CRM contact
    crm_phone_usable: bool  # the CRM phone fields resolve to `phone`
    active_from: int  # epoch seconds: when the person starts writing (joins the business's audience)
    activity: float  # relative appetite for conversations, mean 1

    @property
    def language(self) -> str:
        return self.country.language

    @property
    def wa_id(self) -> str | None:
        return self.phone.wa_id if self.phone and self.user_id is None else None


def _bsuid(rng: random.Random, country: Country) -> str:
    return f"{country.iso}.{rng.randint(10**18, 10**20 - 1)}"


def _unique_email(email: str, taken: set[str]) -> str:
    """The address, numbered when someone already has it: two people never share a mailbox (DESIGN §2 merges
    records by name + e-mail, so a shared one would make two namesakes one person)."""
    user, domain = email.split("@")
    number, unique = 1, email
    while unique in taken:
        number += 1
        unique = f"{user}.{number}@{domain}"
    taken.add(unique)
    return unique


def people(rng: random.Random, config: GenerationConfig) -> Iterator[Person]:
    """Yield everyone once, CRM contacts first (their ids ascend), then the WhatsApp-only users."""
    emails: set[str] = set()
    crm = config.crm_contacts
    whatsapp_only = round(crm * EXTRA_WHATSAPP_ONLY)
    bsuid_users = round((crm * WHATSAPP_SHARE_OF_CRM + whatsapp_only) * BSUID_SHARE)
    start, end = config.window_start.timestamp(), config.window_end.timestamp()
    for index in range(crm + whatsapp_only + bsuid_users):
        country = pick_country(rng)
        first, last, profile = pick_name(rng, country.language)
        in_crm = index < crm
        is_bsuid = index >= crm + whatsapp_only
        two_form = has_two_forms(country) and rng.random() < TWO_FORM_SHARE
        phone = new_phone(rng, country, two_form)
        joined = start if rng.random() < 0.5 else rng.uniform(start, end - 86_400 * 14)
        if is_bsuid:
            joined = max(joined, BSUID_SINCE.timestamp(), start)
        yield Person(
            index=index,
            country=country,
            first_name=first,
            last_name=last,
            profile_name=profile,
            email=_unique_email(email_for(rng, first, last), emails),
            phone=None if is_bsuid else phone,
            user_id=_bsuid(rng, country) if is_bsuid else None,
            is_whatsapp=not in_crm or rng.random() < WHATSAPP_SHARE_OF_CRM,
            contact_id=str(FIRST_CONTACT_ID + index) if in_crm else None,
            crm_phone_usable=in_crm and rng.random() >= NO_USABLE_PHONE_SHARE,
            active_from=int(joined),
            activity=rng.expovariate(1.0),
        )
