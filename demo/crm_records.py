"""HubSpot CRM v3 object records as the API returns them: every property value a string or null.

Custom properties are what such a business keeps on a contact; some values are blank, off-list or
malformed on purpose, because the completeness audit downstream must have something to find.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from demo.deal_history import stage_changes
from demo.deals import Deal
from demo.people import Person
from demo.phone_text import render_crm_phones

Record = dict[str, Any]
INDUSTRIES = (
    "Retail",
    "Construction",
    "Healthcare",
    "Education",
    "Hospitality",
    "Manufacturing",
    "Logistics",
    "Real Estate",
    "Technology",
    "Food & Beverage",
)
_OFF_LIST_INDUSTRIES = ("retail ", "Constr.", "Misc", "Trading/Retail")
ROLES = ("decision maker", "influencer", "executor")
PRODUCTS = ("office furniture", "air conditioning", "printers", "fragrances", "starter kit")
BUDGETS = ("<10k", "10k-50k", "50k-100k", "100k-500k", "500k+")
CONTACT_TIMES = ("morning", "afternoon", "evening", "anytime")


def iso_ms(epoch_ms: int) -> str:
    """HubSpot's timestamp form: ISO 8601 in UTC with milliseconds and a Z."""
    moment = datetime.fromtimestamp(epoch_ms // 1000, UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{epoch_ms % 1000:03d}Z"


def _sometimes(rng: random.Random, value: str, blank: float = 0.05) -> str | None:
    return None if rng.random() < blank else value


def _industry(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice((None, ""))
    return rng.choice(_OFF_LIST_INDUSTRIES) if roll < 0.08 else rng.choice(INDUSTRIES)


def draw_budget(rng: random.Random) -> str | None:
    """A HubSpot contact's budget range: mostly one of the ranges, some a plain figure, a few missing."""
    roll = rng.random()
    if roll < 0.05:
        return None
    return str(rng.choice((5000, 25000, 120000))) if roll < 0.1 else rng.choice(BUDGETS)


def value_class(budget: str | None) -> str | None:
    """The value class the budget earns (expected annual purchases > 500k A, 100k-500k B, < 100k C), if any."""
    if budget in {"500k+", "100k-500k"}:
        return "A" if budget == "500k+" else "B"
    if budget in {"<10k", "10k-50k", "50k-100k"}:
        return "C"
    if budget and budget.isdigit():
        amount = int(budget)
        return "A" if amount > 500_000 else "B" if amount >= 100_000 else "C"
    return None


def contact_record(
    rng: random.Random,
    person: Person,
    times_ms: tuple[int, int],
    deals: list[Deal],
    budget: str | None,
) -> Record:
    """The HubSpot contact; `budget` is drawn beforehand (`draw_budget`) because the amoCRM desk classes by it."""
    created_ms, modified_ms = times_ms
    assert person.contact_id is not None
    phone, mobile = render_crm_phones(rng, person.phone if person.crm_phone_usable else None)
    follow_up_ms = rng.randint(created_ms, modified_ms)
    stage = (
        "customer"
        if any(d.is_won for d in deals)
        else "opportunity"
        if deals
        else "lead"
        if person.is_whatsapp
        else "subscriber"
    )
    properties = {
        "firstname": person.first_name,
        "lastname": _sometimes(rng, person.last_name),
        "email": _sometimes(rng, person.email, 0.1),
        "phone": phone,
        "mobilephone": mobile,
        "country": _sometimes(rng, person.country.name),
        "hs_country_region_code": person.country.iso,
        "createdate": iso_ms(created_ms),
        "lastmodifieddate": iso_ms(modified_ms),
        "hs_object_id": person.contact_id,
        "lifecyclestage": _sometimes(rng, stage, 0.03),
        "industry": _industry(rng),
        "company_size": _sometimes(rng, str(int(rng.lognormvariate(3.8, 1.3)) + 1)),
        "contact_role": _sometimes(rng, rng.choice(ROLES)),
        "product_interest": _sometimes(rng, rng.choice(PRODUCTS)),
        "budget_range": budget,
        "preferred_contact_time": _sometimes(rng, rng.choice(CONTACT_TIMES)),
        "last_follow_up_date": _sometimes(
            rng, datetime.fromtimestamp(follow_up_ms // 1000, UTC).strftime("%Y-%m-%d"), 0.08
        ),
    }
    return {
        "id": person.contact_id,
        "properties": properties,
        "createdAt": iso_ms(created_ms),
        "updatedAt": iso_ms(modified_ms),
        "archived": False,
    }


def deal_record(rng: random.Random, deal: Deal, company: str, now_ms: int) -> Record:
    modified_ms = min(
        now_ms - 1, max(deal.created_ms, deal.close_ms if deal.is_closed else 0) + rng.randint(1, 86_400_000)
    )
    properties = {
        "dealname": f"{company} - {rng.choice(PRODUCTS)}",
        "amount": deal.amount,
        "deal_currency_code": "USD",
        "dealstage": deal.stage,
        "pipeline": deal.pipeline,
        "closedate": iso_ms(deal.close_ms),
        "createdate": iso_ms(deal.created_ms),
        "hs_is_closed_won": "true" if deal.is_won else "false",
        "hs_lastmodifieddate": iso_ms(modified_ms),
        "hs_object_id": deal.id,
        "lead_source": deal.lead_source,
    }
    return {
        "id": deal.id,
        "properties": properties,
        "createdAt": iso_ms(deal.created_ms),
        "updatedAt": iso_ms(modified_ms),
        "archived": False,
        "associations": {"contacts": {"results": [{"id": deal.contact_id, "type": "deal_to_contact"}]}},
        "propertiesWithHistory": {"dealstage": stage_versions(deal, modified_ms)},
    }


def stage_versions(deal: Deal, until_ms: int) -> list[Record]:
    """The `dealstage` versions the objects API returns with `propertiesWithHistory`: newest first."""
    versions = [
        {"value": stage, "timestamp": iso_ms(at), "sourceType": "CRM_UI", "sourceId": f"userId:{user}"}
        | {"updatedByUserId": user}
        for stage, at, user in stage_changes(deal, until_ms)
    ]
    return versions[::-1]
