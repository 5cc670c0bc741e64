"""The planted, known values a test asserts against the marts, with the exact definition of each.

Every number is counted from what was written to disk, by the definitions in `DEFINITIONS`, so a
SQL author can reproduce it from the landing files and the CRM records alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from itertools import pairwise
from statistics import median
from typing import Any

from demo import auto_reply
from demo.attribution import attributed_start, conversations
from demo.deals import Deal
from demo.messages import Message
from demo.people import Person

DEFINITIONS = {
    "message time": "inbound: messages[].timestamp; outbound: the timestamp of its `sent` status "
    "(every outbound message has exactly one). Dates and ISO weeks are UTC.",
    "counts.crm_contacts": "records in crm/hubspot/contacts.json",
    "counts.whatsapp_users": "distinct wa_id / user_id with at least one message in the landing files",
    "counts.business_scoped_users": "of those, users known only by `user_id` (no wa_id, no phone)",
    "counts.inbound_messages": "distinct messages[].id; counts.inbound_by_type splits them by `type`",
    "counts.outbound_messages": "distinct statuses[].id",
    "counts.status_events_unique": "distinct (statuses[].id, statuses[].status) pairs",
    "counts.webhook_bodies": "distinct webhook bodies (lines) written, duplicates not counted",
    "counts.duplicate_bodies": "bodies written a second time (identical line, same or next day's folder)",
    "counts.duplicate_event_copies": "message/status events inside those repeated bodies",
    "counts.outbound_by_final_status": "furthest status per outbound message: read > delivered > sent; "
    "failed when failed and never delivered/read",
    "counts.deals_won / won_revenue": "deals with hs_is_closed_won = 'true'; revenue = sum of their "
    "amount (all USD), null amounts skipped",
    "counts.crm_contacts_without_usable_phone": "contacts whose phone and mobilephone are both empty or garbage",
    "low_delivery_day": "outbound messages whose message time falls on `date`: sent = all of them, "
    "delivered = final status delivered or read; rate = delivered / sent exactly",
    "campaigns": "per biz_opaque_callback_data: sent = outbound messages carrying it, delivered/read/"
    "failed = by final status (delivered includes read), clicked = how many of those messages were "
    "answered by an inbound `button` or `interactive` message whose context.id is the message",
    "hubspot_median_days_in_stage": "per `<pipeline>:<stage>`, the median of every finished stay of a deal in that "
    "stage, in days: the deal's `propertiesWithHistory.dealstage` versions in time order, each stay ending at the "
    "next version",
    "two_form_phones": "people whose wa_id and CRM phone are different digit strings for the same "
    "phone; e164 is the canonical number both must resolve to",
    "auto_reply": auto_reply.DEFINITION,
    "conversion_by_iso_week": "conversations = runs of one WhatsApp user's messages (both directions, "
    "message time) split where the gap exceeds 24 h, counted by the ISO week of their first message; "
    "leads = HubSpot deals and amoCRM leads of the same person (CRM contact whose phone resolves to the user's "
    "number) created "
    "0-7 days after a conversation start, each attributed to the latest such start (last touch) and "
    "counted in that start's week",
}


def _epoch_ms(iso: str) -> int:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def _iso_week(epoch: int) -> str:
    year, week, _ = datetime.fromtimestamp(epoch, UTC).isocalendar()
    return f"{year}-W{week:02d}"


class Truths:
    """Accumulates the truths person by person while the generator streams its output."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.inbound_types: Counter[str] = Counter()
        self.final_statuses: Counter[str] = Counter()
        self.lead_sources: Counter[str] = Counter()
        self.won_revenue = Decimal("0.00")
        self.campaigns: dict[str, Counter[str]] = defaultdict(Counter)
        self.weeks: dict[str, Counter[str]] = defaultdict(Counter)
        self.two_form: list[dict[str, Any]] = []
        self.stage_stays: dict[str, list[int]] = defaultdict(list)
        self.auto_replies: Counter[str] = Counter()

    def add_whatsapp(self, person: Person, messages: list[Message], linkable: bool, lead_times: list[int]) -> None:
        """Count the person's messages and conversations, and attribute their deals (creation times, epoch ms)."""
        if not messages:
            return
        self.counts["whatsapp_users"] += 1
        self.counts["business_scoped_users"] += person.user_id is not None
        clicked = {m.context_id for m in messages if m.inbound and m.kind in {"button", "interactive"}}
        for message in messages:
            if message.inbound:
                self.inbound_types[message.kind] += 1
                self.counts["inbound_messages"] += 1
                continue
            self.count_outbound(message)
            self.counts["outbound_messages"] += 1
            if message.campaign:
                self.campaigns[message.campaign.name]["clicked"] += message.id in clicked
        triggering, answered = auto_reply.tally(messages)
        self.auto_replies.update(triggering_messages=triggering, answered=answered)
        found = conversations(messages)
        for conversation in found:
            self.weeks[_iso_week(conversation.start)]["conversations_started"] += 1
        starts = [c.start for c in found]
        for created_ms in lead_times if linkable else []:
            start = attributed_start(starts, created_ms)
            if start is not None:
                self.weeks[_iso_week(start)]["leads_attributed"] += 1

    def count_outbound(self, message: Message) -> None:
        assert message.fate is not None
        final = message.fate.final
        self.final_statuses[final] += 1
        if message.campaign:
            stats = self.campaigns[message.campaign.name]
            stats["sent"] += 1
            stats["delivered"] += message.delivered
            stats["read"] += final == "read"
            stats["failed"] += final == "failed"

    def add_deals(self, deals: list[Deal]) -> None:
        for deal in deals:
            self.counts["deals"] += 1
            self.lead_sources[deal.lead_source] += 1
            if deal.is_won:
                self.counts["deals_won"] += 1
                self.won_revenue += Decimal(deal.amount or "0")

    def add_stage_history(self, deal_record: dict[str, Any]) -> None:
        """Each finished stay of the deal in a stage, from its `dealstage` versions (newest first)."""
        versions = deal_record["propertiesWithHistory"]["dealstage"][::-1]
        pipeline = deal_record["properties"]["pipeline"]
        for entered, left in pairwise(versions):
            stay = _epoch_ms(left["timestamp"]) - _epoch_ms(entered["timestamp"])
            self.stage_stays[f"{pipeline}:{entered['value']}"].append(stay)

    def add_two_form(self, person: Person, phone_fields: tuple[str | None, str | None]) -> None:
        assert person.phone is not None
        self.two_form.append(
            {
                "hubspot_contact_id": person.contact_id,
                "country": person.country.iso,
                "wa_id": person.phone.wa_id,
                "crm_phone": phone_fields[0],
                "crm_mobilephone": phone_fields[1],
                "e164": person.phone.e164,
            }
        )

    def auto_reply(self) -> dict[str, Any]:
        """What the auto-reply bot planted: the audit's numerator, denominator and rate over the whole window."""
        triggering, answered = self.auto_replies["triggering_messages"], self.auto_replies["answered"]
        rate = round(answered / triggering, 4) if triggering else None
        return {"triggering_messages": triggering, "answered": answered, "rate": rate}

    def as_json(self, settings: dict[str, Any], low_day: dict[str, Any], planted_week: str) -> dict[str, Any]:
        campaign_keys = ("sent", "delivered", "read", "clicked", "failed")
        weeks = {
            week: {
                "conversations_started": c["conversations_started"],
                "leads_attributed": c["leads_attributed"],
            }
            for week, c in sorted(self.weeks.items())
        }
        return {
            "definitions": DEFINITIONS,
            "settings": settings,
            "counts": {
                **dict(sorted(self.counts.items())),
                "won_revenue": f"{self.won_revenue:.2f}",
                "inbound_by_type": dict(sorted(self.inbound_types.items())),
                "outbound_by_final_status": dict(sorted(self.final_statuses.items())),
                "deals_by_lead_source": dict(sorted(self.lead_sources.items())),
            },
            "low_delivery_day": low_day,
            "auto_reply": self.auto_reply(),
            "campaigns": {
                name: {key: stats[key] for key in campaign_keys} for name, stats in sorted(self.campaigns.items())
            },
            "two_form_phones": self.two_form,
            "hubspot_median_days_in_stage": {
                stage: round(median(stays) / 86_400_000, 6) for stage, stays in sorted(self.stage_stays.items())
            },
            "planted_conversion_week": {"iso_week": planted_week, **weeks.get(planted_week, {})},
            "conversion_by_iso_week": weeks,
        }
