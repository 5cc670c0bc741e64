"""The amoCRM account of the Russian-speaking sales desk: the same people, a second CRM.

The desk works the business's RU, KZ and AE customers, plus some Latin American resellers whose
numbers come in two forms (WhatsApp's and the one they dictate). Each is an amoCRM contact with
0-3 leads; tags are set per lead, and a contact's tags are those of the leads it is the main
contact of. One tag, "wholesale", is planted on more than 40 % of tagged contacts, so the tag
distribution audit has an over-concentration to find. A contact's value class (A/B/C) follows the
class its HubSpot budget earns, with a 3 % slip; on the planted re-class day (`amocrm_retag.py`) the
desk sets it again on one lead of each chosen customer. Written as streaming JSON arrays under
`crm/amocrm/`, with the truths counted from exactly what was written.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from statistics import median
from typing import Any

from demo.amocrm_leads import TAGS, Lead, LeadPlanner
from demo.amocrm_phones import phone_values
from demo.amocrm_records import contact_record, pipelines_response
from demo.amocrm_retag import VALUE_CLASSES, RetagDay
from demo.clock import DAY
from demo.json_files import JsonArrayWriter, dump
from demo.messages import Message
from demo.people import Person

DESK_COUNTRIES = frozenset({"RU", "KZ", "AE"})
RESELLER_SHARE = 0.5  # of two-form MX/AR/BR contacts, those the desk also keeps
OVER_CONCENTRATION = Decimal("0.40")
VALUE_CLASS_SHARE, VALUE_CLASS_SLIP = 0.45, 0.03  # contacts the desk classes, and classes set wrong
_CONTACT_TAGS = (("wholesale", 0.55), ("expo 2026", 0.10), ("repeat order", 0.12), ("price list", 0.15))
_CONTACT_TAGS += (("дилер", 0.08), ("VIP", 0.03))
DEFINITIONS = {
    "amocrm.counts": "contacts, leads, status_change_events = records in crm/amocrm/{contacts,leads,events}.json; "
    "leads_won / leads_lost / leads_open by the lead's status_id (142 won, 143 lost, any other open); "
    "won_price_sum = sum of `price` of won leads; contacts_without_phone = contacts without a PHONE field; "
    "tagged_contacts = contacts that are the main contact of at least one lead with a tag",
    "amocrm.tags": "a contact's tags are the union of `_embedded.tags[].name` of the leads naming it in "
    "`_embedded.contacts`; contacts = contacts with the tag, leads = leads carrying it, share_of_tagged_contacts "
    "= contacts / tagged_contacts rounded to 4 places; dimension = the tag's canonical dimension",
    "amocrm.over_concentrated_tags": "tags whose exact share of tagged contacts exceeds 0.40",
    "amocrm.median_days_in_status": "per `<pipeline_id>:<status_id>`, the median of every finished stay of a lead "
    "in that status, in days: a lead enters its first status (the first event's value_before, or its status_id when "
    "it never moved) at created_at and each value_after at the event's created_at; a stay ends at the next event",
    "amocrm.retag_day": "the planted re-class afternoon: leads whose updated_at falls in [from, to] (one every 5 s), "
    "each carrying the value class (A/B/C) the desk set then; right = those whose class is the one the main "
    "contact's HubSpot budget_range earns (> 500k A, 100k-500k B, < 100k C); accuracy = right / reclassed",
    "amocrm.two_form_phones": "amoCRM contacts whose PHONE values hold the same number in its WhatsApp form and in "
    "its CRM form (MX 521/52, AR with/without the mobile 9, BR 8/9 digits); e164 is the canonical number",
}
_OTHER_SOURCES = (("Email", 30), ("Сайт", 40), ("SMS", 10), ("Другое", 20))


class AmoCrmBook:
    """Writes contacts, leads and status-change events person by person; `close` returns the truths."""

    def __init__(self, folder: Path, rng: random.Random, window: tuple[int, int], retag: RetagDay) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.rng, self.window, self.retag = folder, rng, window, retag
        self.planner = LeadPlanner(rng, window[1])
        self._files = ExitStack()
        self.contacts, self.leads, self.events = (
            self._files.enter_context(JsonArrayWriter(folder / f"{name}.json"))
            for name in ("contacts", "leads", "events")
        )
        self.counts: Counter[str] = Counter(
            dict.fromkeys(("leads_won", "leads_lost", "leads_open", "tagged_contacts"), 0)
        )
        self.lead_tags: Counter[str] = Counter()
        self.contact_tags: Counter[str] = Counter()
        self.won_price = 0
        self.two_form: list[dict[str, Any]] = []
        self.stays: dict[str, list[int]] = defaultdict(list)
        self._next_contact = 41_000_000

    def add(self, person: Person, messages: list[Message], known: tuple[int, str | None]) -> list[Lead]:
        """Enter the person in amoCRM when the desk works their market; return the leads written.

        `known` is what the other records say: when the business first met the person (epoch seconds), and the
        value class their HubSpot budget earns (None without a usable budget).
        """
        first_seen, budget_class = known
        phone, rng = person.phone, self.rng
        if phone is None:
            return []
        reseller = phone.is_two_form and rng.random() < RESELLER_SHARE
        if person.country.iso not in DESK_COUNTRIES and not reseller:
            return []
        self._next_contact += rng.randint(1, 3)
        contact_id, start, end = self._next_contact, *self.window
        inbound = [m.at for m in messages if m.inbound]
        created = inbound[0] - rng.randint(0, 7200) if inbound else rng.randrange(start - 300 * DAY, end)
        times = (created, min(end - 1, created + rng.randint(60, 90 * DAY)))
        phones = phone_values(rng, phone, reseller) if person.crm_phone_usable else []
        email = person.email if rng.random() < 0.8 else None
        self.contacts.write(contact_record(rng, contact_id, self._name(person), phones, email, times))
        self.counts["contacts"] += 1
        self.counts["contacts_without_phone"] += not phones
        if reseller and phones:
            entry = {"amocrm_contact_id": contact_id, "country": person.country.iso, "e164": phone.e164}
            self.two_form.append({**entry, "wa_id": phone.wa_id, "phone_values": phones})
        tags = tuple(tag for tag, share in _CONTACT_TAGS if rng.random() < share) + self._value_class(budget_class)
        # The desk re-classes customers it had classed, and the pipeline can judge (a phone links the budget): such a
        # customer has one lead, edited then.
        classed = phones and any(tag in VALUE_CLASSES for tag in tags)
        slot = self.retag.slot_for(created, budget_class) if classed else None
        edit = (slot, self.retag.new_class(rng, budget_class)) if slot is not None and budget_class else None
        count = 1 if edit else rng.choices((0, 1, 2, 3), (10, 55, 25, 10))[0]
        leads = [self._lead(contact_id, (min(first_seen, created), created), inbound, tags, edit) for _ in range(count)]
        for tag in sorted({tag for lead in leads for tag in lead.tags}):
            self.contact_tags[tag] += 1
        self.counts["tagged_contacts"] += any(lead.tags for lead in leads)
        return leads

    @property
    def last_contact_id(self) -> int:
        """The id of the contact `add` wrote last."""
        return self._next_contact

    def _name(self, person: Person) -> tuple[str, str]:
        words = person.profile_name.split()
        if person.language != "en" and len(words) == 2 and "." not in person.profile_name and self.rng.random() < 0.6:
            return words[0], words[1]
        return person.first_name, person.last_name

    def _value_class(self, budget_class: str | None) -> tuple[str, ...]:
        """The class the desk gives the contact: the budget's, now and then a wrong one; none without a budget."""
        if budget_class is None or self.rng.random() >= VALUE_CLASS_SHARE:
            return ()
        if self.rng.random() < VALUE_CLASS_SLIP:
            return (self.rng.choice([c for c in VALUE_CLASSES if c != budget_class]),)
        return (budget_class,)

    def _lead(
        self,
        contact_id: int,
        contact_times: tuple[int, int],
        inbound: list[int],
        tags: tuple[str, ...],
        edit: tuple[int, str] | None,
    ) -> Lead:
        """One lead of a contact first met and created at `contact_times`; a re-classed one (`edit`: when, and the
        class set then) is created before the edit."""
        rng, (start, end), (first_seen, contact_created) = self.rng, self.window, contact_times
        if inbound and rng.random() < 0.6:
            created, source = rng.choice(inbound) + rng.randint(3600, 3 * DAY), "WhatsApp"
        else:
            sources, weights = zip(*_OTHER_SOURCES, strict=True)
            created, source = rng.randrange(start, end), rng.choices(sources, weights)[0]
        created = min(end - 2, max(created, contact_created + rng.randint(60, 6 * 3600)))
        touched_at = None
        if edit is not None:
            touched_at, new_class = edit
            created = max(contact_created + 60, min(created, touched_at - 3600))
            tags = (*(tag for tag in tags if tag not in VALUE_CLASSES), new_class)
        lead = self.planner.lead(contact_id, (first_seen, created), source, tags, touched_at)
        self.leads.write(lead.record)
        for event in lead.events:
            self.events.write(event)
        self.counts["leads"] += 1
        self.counts[f"leads_{lead.outcome}"] += 1
        self.counts["status_change_events"] += len(lead.events)
        self.won_price += lead.price if lead.outcome == "won" else 0
        self._count_stays(lead)
        self.lead_tags.update(lead.tags)
        return lead

    def _count_stays(self, lead: Lead) -> None:
        """Each finished stay of the lead in a status: from entering it to the next status change."""
        record, events = lead.record, lead.events
        statuses = [events[0]["value_before"][0]["lead_status"]["id"] if events else record["status_id"]]
        statuses += [event["value_after"][0]["lead_status"]["id"] for event in events]
        times = [record["created_at"], *(event["created_at"] for event in events)]
        for status, entered, left in zip(statuses, times, times[1:], strict=False):
            self.stays[f"{record['pipeline_id']}:{status}"].append(left - entered)

    def close(self) -> dict[str, Any]:
        """Finish the files and return the planted truths (shares as exact 4-place decimals)."""
        self._files.close()
        (self.folder / "pipelines.json").write_text(dump(pipelines_response()) + "\n", encoding="utf-8")
        tagged = self.counts["tagged_contacts"]

        def share(count: int) -> Decimal:
            return (Decimal(count) / tagged).quantize(Decimal("0.0001")) if tagged else Decimal(0)

        tags = {
            tag: {
                "dimension": TAGS[tag][2],
                "leads": self.lead_tags[tag],
                "contacts": self.contact_tags[tag],
                "share_of_tagged_contacts": str(share(self.contact_tags[tag])),
            }
            for tag in sorted(self.contact_tags)
        }
        over = [t for t, c in sorted(self.contact_tags.items()) if tagged and Decimal(c) / tagged > OVER_CONCENTRATION]
        return {
            "counts": {**dict(sorted(self.counts.items())), "won_price_sum": self.won_price},
            "tags": tags,
            "over_concentrated_tags": over,
            "two_form_phones": self.two_form,
            "retag_day": self.retag.truth(),
            "median_days_in_status": {
                stage: round(median(seconds) / DAY, 6) for stage, seconds in sorted(self.stays.items())
            },
        }
