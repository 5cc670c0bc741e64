"""`python -m demo generate`: the synthetic business written to a directory, person by person.

Each person is simulated whole (messages, deals, CRM record) and written at once, so memory does
not grow with the volume. Separate seeded random streams per concern keep output byte-identical for
the same settings. The planted low-delivery day is closed exactly at the end with a few extra sends
placed where they cannot change any conversation boundary (see `planted_day`).
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from random import Random
from typing import Any

from demo.amocrm_book import DEFINITIONS as AMOCRM_DEFINITIONS
from demo.amocrm_book import AmoCrmBook
from demo.amocrm_leads import Lead
from demo.amocrm_retag import RetagDay
from demo.attribution import conversations
from demo.calibration import calibrate
from demo.campaigns import broadcast_campaigns
from demo.config import LOW_DELIVERY_RATE, GenerationConfig
from demo.crm_records import contact_record, deal_record, draw_budget, value_class
from demo.csv_sheet import DEFINITIONS as SHEET_DEFINITIONS
from demo.csv_sheet import FILE_NAME as SHEET_FILE_NAME
from demo.csv_sheet import CustomerSheet
from demo.deals import Deal, DealPlanner
from demo.identity_truth import DEFINITIONS as IDENTITY_DEFINITIONS
from demo.identity_truth import IdentityLabels
from demo.inbox import DEFINITIONS as INBOX_DEFINITIONS
from demo.inbox import Inbox
from demo.json_files import JsonArrayWriter, dump
from demo.landing import LandingWriter
from demo.messages import Message, MessageFactory
from demo.names import COMPANIES
from demo.outcomes import DeliveryPlanter
from demo.people import Person, people
from demo.pipelines import pipelines_response
from demo.planted_day import PlantedDay
from demo.timeline import person_timeline, poisson
from demo.truths import Truths
from demo.webhook_events import contact_entry, inbound_event, status_events

_BOOST = 3.0  # conversation->lead boost in the planted conversion week


class Generator:
    def __init__(self, config: GenerationConfig, out: Path) -> None:
        self.config, self.out, seed = config, out, config.seed
        self.campaigns = broadcast_campaigns(Random(f"{seed}:campaigns"), config)
        self.calibration = calibrate(config, self.campaigns)
        self.planter = DeliveryPlanter(config.low_delivery_date, Fraction(*LOW_DELIVERY_RATE))
        self.factory = MessageFactory(Random(f"{seed}:messages"), self.planter)
        self.events_rng, self.crm_rng = Random(f"{seed}:events"), Random(f"{seed}:crm")
        self.window = (int(config.window_start.timestamp()), int(config.window_end.timestamp()))
        self.deals = DealPlanner(Random(f"{seed}:deals"), self.window[1] * 1000)
        monday = datetime.fromisocalendar(*config.conversion_week, 1).replace(tzinfo=UTC)
        self.boosted = (int(monday.timestamp()), int((monday + timedelta(days=7)).timestamp()))
        self.truths = Truths()
        self.planted_day = PlantedDay(self.planter)
        self.identity = IdentityLabels()

    def run(self) -> dict[str, Any]:
        landing_root = self.out / "landing" / "whatsapp"
        shutil.rmtree(landing_root, ignore_errors=True)
        self.landing = LandingWriter(landing_root, Random(f"{self.config.seed}:landing"))
        self.inbox = Inbox(Random(f"{self.config.seed}:inbox"), self.out / "crm" / "chatwoot", self.window)
        self.amocrm = AmoCrmBook(
            self.out / "crm" / "amocrm", Random(f"{self.config.seed}:amocrm"), self.window, RetagDay(self.config)
        )
        csv_folder = self.out / "landing" / "csv" / "contacts"
        self.sheet = CustomerSheet(csv_folder, Random(f"{self.config.seed}:csv"), self.window)
        crm = self.out / "crm" / "hubspot"
        with JsonArrayWriter(crm / "contacts.json") as contacts, JsonArrayWriter(crm / "deals.json") as deals:
            for person in people(Random(f"{self.config.seed}:people"), self.config):
                self._person(person, contacts, deals)
        for person, message in self.planted_day.top_up(self.factory):
            self._land_statuses(person, message)
            self.truths.count_outbound(message)
            self.truths.counts["outbound_messages"] += 1
        low_day = self.planted_day.truth()
        self.landing.close()
        (crm / "pipelines.json").write_text(dump(pipelines_response()) + "\n", encoding="utf-8")
        self.truths.counts.update(
            crm_contacts=contacts.count,
            webhook_bodies=self.landing.bodies,
            duplicate_bodies=self.landing.duplicate_bodies,
            duplicate_event_copies=self.landing.duplicate_events,
        )
        week = "{}-W{:02d}".format(*self.config.conversion_week)
        truths = self.truths.as_json(self._settings(), low_day, week)
        truths["definitions"] |= INBOX_DEFINITIONS
        truths["inbox"] = self.inbox.close()
        truths["definitions"] |= AMOCRM_DEFINITIONS | SHEET_DEFINITIONS
        truths |= {"amocrm": self.amocrm.close(), "csv_contacts": self.sheet.close()}
        truths["definitions"] |= IDENTITY_DEFINITIONS
        truths["identity"] = self.identity.close(csv_folder / SHEET_FILE_NAME, f"csv/contacts/{SHEET_FILE_NAME}")
        (self.out / "truths.json").write_text(dump(truths) + "\n", encoding="utf-8")
        return truths

    def _settings(self) -> dict[str, Any]:
        return {
            "seed": self.config.seed,
            "scale": self.config.scale,
            "window_start": self.config.window_start.isoformat(),
            "window_end_exclusive": self.config.window_end.isoformat(),
        }

    def _person(self, person: Person, contacts: JsonArrayWriter, deals_out: JsonArrayWriter) -> None:
        messages: list[Message] = []
        if person.is_whatsapp:
            messages = person_timeline(
                self.factory.rng, person, self.factory, self.campaigns, self.calibration.rates, self.window
            )
            self._land(person, messages)
            inbox_contacts = self.inbox.next_id["contact"]
            self.inbox.add(person, messages)
            if self.inbox.next_id["contact"] > inbox_contacts:
                self.identity.add("chatwoot", self.inbox.next_id["contact"], person)
            self.planted_day.collect_anchors(person, messages)
        linkable = person.contact_id is not None and person.is_whatsapp and person.crm_phone_usable
        deals = self._deals(person, messages, linkable)
        self.identity.add_person(person, bool(messages))
        leads: list[Lead] = []
        if person.contact_id is not None:
            # The HubSpot contact's creation and budget first: the amoCRM desk knows when the customer was first met
            # and classes them by the budget.
            created, budget = self._contact_created(messages), draw_budget(self.crm_rng)
            first_seen = min([created // 1000, *(m.at for m in messages[:1])])
            # amoCRM leads are deals too: the conversion truths attribute both CRMs' deals of the person.
            leads = self._amocrm_leads(person, messages, (first_seen, value_class(budget)))
        lead_times = [deal.created_ms for deal in deals] + [lead.record["created_at"] * 1000 for lead in leads]
        self.truths.add_whatsapp(person, messages, linkable, lead_times)
        self.truths.add_deals(deals)
        if person.contact_id is None:
            return
        times = (created, self._contact_modified(created, deals))
        record = contact_record(self.crm_rng, person, times, deals, budget)
        contacts.write(record)
        sheet_rows = self.sheet.rows
        self.sheet.add(person, messages)
        if self.sheet.rows > sheet_rows:
            self.identity.sheet_people.append(person.index)
        self.truths.counts["crm_contacts_without_usable_phone"] += not person.crm_phone_usable
        if messages and person.phone and person.phone.is_two_form and person.crm_phone_usable:
            self.truths.add_two_form(person, (record["properties"]["phone"], record["properties"]["mobilephone"]))
        company = self.crm_rng.choice(COMPANIES)
        for deal in deals:
            written = deal_record(self.crm_rng, deal, company, self.window[1] * 1000)
            deals_out.write(written)
            self.truths.add_stage_history(written)

    def _amocrm_leads(self, person: Person, messages: list[Message], known: tuple[int, str | None]) -> list[Lead]:
        """Enter the person in amoCRM when the desk works their market; the leads written for them."""
        contacts = self.amocrm.counts["contacts"]
        leads = self.amocrm.add(person, messages, known)
        if self.amocrm.counts["contacts"] > contacts:
            self.identity.add("amocrm", self.amocrm.last_contact_id, person)
        return leads

    def _deals(self, person: Person, messages: list[Message], linkable: bool) -> list[Deal]:
        if person.contact_id is None:
            return []
        found: list[Deal] = []
        if linkable:
            starts = [c.start for c in conversations(messages) if c.has_inbound]
            found = self.deals.whatsapp_leads(
                person.contact_id, starts, self.calibration.lead_probability, self.boosted, _BOOST
            )
        count = poisson(self.deals.rng, self.calibration.other_deals_per_contact)
        return found + self.deals.other_deals(person.contact_id, count, (self.window[0] * 1000, self.window[1] * 1000))

    def _contact_created(self, messages: list[Message]) -> int:
        """When the HubSpot contact was created (epoch ms): mostly just before the first message."""
        rng, (start, end) = self.crm_rng, self.window
        if messages and rng.random() < 0.7:
            created = (messages[0].at - rng.randint(0, 7200)) * 1000
        elif rng.random() < 0.4:
            created = (start - rng.randint(86_400, 700 * 86_400)) * 1000
        else:
            created = rng.randrange(start, end) * 1000
        return created + rng.randrange(1000)

    def _contact_modified(self, created: int, deals: list[Deal]) -> int:
        latest = max([created, *(d.created_ms for d in deals)])
        return min(self.window[1] * 1000 - 1, latest + self.crm_rng.randint(60_000, 30 * 86_400_000))

    def _land(self, person: Person, messages: list[Message]) -> None:
        contact = contact_entry(person)
        for message in messages:
            if message.inbound:
                received, event = inbound_event(self.events_rng, person, message)
                self.landing.add(received, event, contact)
            else:
                self._land_statuses(person, message)

    def _land_statuses(self, person: Person, message: Message) -> None:
        events = status_events(self.events_rng, person, message)
        self.truths.counts["status_events_unique"] += len(events)
        for received, event in events:
            self.landing.add(received, event)


def generate(config: GenerationConfig, out: Path) -> dict[str, Any]:
    """Write the dataset under `out` (replacing a previous one) and return the truths written."""
    return Generator(config, out).run()
