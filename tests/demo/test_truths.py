"""The truths can be reproduced from the written files alone, by their documented definitions."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import phonenumbers
import pytest

from tests.demo.landing_reader import Landing, read_landing


@pytest.fixture(scope="module")
def truths(dataset: Path) -> dict[str, Any]:
    return json.loads((dataset / "truths.json").read_text())


@pytest.fixture(scope="module")
def landing(dataset: Path) -> Landing:
    return read_landing(dataset)


def _day(timestamp: str) -> str:
    return datetime.fromtimestamp(int(timestamp), UTC).date().isoformat()


def test_message_and_status_counts(truths: dict[str, Any], landing: Landing) -> None:
    counts = truths["counts"]
    assert counts["inbound_messages"] == len(landing.inbound)
    assert counts["outbound_messages"] == len(landing.statuses)
    assert counts["status_events_unique"] == sum(len(s) for s in landing.statuses.values())
    assert counts["duplicate_bodies"] == len(landing.lines) - len(set(landing.lines)) > 0
    assert counts["inbound_by_type"] == dict(sorted(Counter(m["type"] for m in landing.inbound.values()).items()))
    finals = Counter(landing.final_status(i) for i in landing.statuses)
    assert counts["outbound_by_final_status"] == dict(sorted(finals.items()))
    users = {m.get("from") or m["from_user_id"] for m in landing.inbound.values()}
    users |= {s.get("recipient_id") or s["recipient_user_id"] for v in landing.statuses.values() for s in v.values()}
    assert counts["whatsapp_users"] == len(users)
    assert counts["business_scoped_users"] == sum("." in u for u in users) > 0


def test_planted_low_delivery_day(truths: dict[str, Any], landing: Landing) -> None:
    planted = truths["low_delivery_day"]
    sent_that_day = [i for i, s in landing.statuses.items() if _day(s["sent"]["timestamp"]) == planted["date"]]
    delivered = sum(landing.final_status(i) in {"delivered", "read"} for i in sent_that_day)
    assert (planted["sent"], planted["delivered"]) == (len(sent_that_day), delivered)
    assert delivered * 5 == len(sent_that_day) * 4  # exactly 0.80


def test_campaign_counts(truths: dict[str, Any], landing: Landing) -> None:
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    clicked = {m["context"]["id"] for m in landing.inbound.values() if m["type"] in {"button", "interactive"}}
    for message_id, by_status in landing.statuses.items():
        name = by_status["sent"].get("biz_opaque_callback_data")
        if name:
            final = landing.final_status(message_id)
            stats[name].update(
                sent=1,
                delivered=final in {"delivered", "read"},
                read=final == "read",
                failed=final == "failed",
                clicked=message_id in clicked,
            )
    expected = {n: {k: c[k] for k in ("sent", "delivered", "read", "clicked", "failed")} for n, c in stats.items()}
    assert truths["campaigns"] == dict(sorted(expected.items()))


def test_deal_counts(truths: dict[str, Any], dataset: Path) -> None:
    deals = json.loads((dataset / "crm" / "hubspot" / "deals.json").read_text())
    won = [d for d in deals if d["properties"]["hs_is_closed_won"] == "true"]
    revenue = sum(Decimal(d["properties"]["amount"] or "0") for d in won)
    assert (truths["counts"]["deals"], truths["counts"]["deals_won"]) == (len(deals), len(won))
    assert truths["counts"]["won_revenue"] == f"{revenue:.2f}"


def _person_key(e164: str) -> str:
    """One key per phone across the two-form countries (MX 521/52, AR 549/54, BR with/without 9)."""
    if e164.startswith("+521"):
        return "+52" + e164[4:]
    if e164.startswith("+549"):
        return "+54" + e164[4:]
    if e164.startswith("+55") and len(e164) == 14:
        return e164[:5] + e164[6:]
    return e164


def _contact_keys(dataset: Path) -> dict[str, str]:
    keys = {}
    for contact in json.loads((dataset / "crm" / "hubspot" / "contacts.json").read_text()):
        props = contact["properties"]
        for raw in (props["phone"], props["mobilephone"]):
            try:
                number = phonenumbers.parse(raw or "", props["hs_country_region_code"])
            except phonenumbers.NumberParseException:
                continue
            keys[contact["id"]] = _person_key(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return keys


def _amocrm_contact_keys(dataset: Path) -> dict[int, str]:
    """amoCRM contacts carry no country: the first PHONE value is the international one."""
    keys = {}
    for contact in json.loads((dataset / "crm" / "amocrm" / "contacts.json").read_text()):
        phones = [f for f in contact["custom_fields_values"] or [] if f["field_code"] == "PHONE"]
        if phones:
            number = phonenumbers.parse("+" + phones[0]["values"][0]["value"].lstrip("+"), None)
            keys[contact["id"]] = _person_key(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return keys


def _deal_people_and_times(dataset: Path) -> list[tuple[str | None, datetime]]:
    """(person key, creation time) of every HubSpot deal and amoCRM lead: both CRMs' deals are leads."""
    hubspot_keys, amocrm_keys = _contact_keys(dataset), _amocrm_contact_keys(dataset)
    found = [
        (
            hubspot_keys.get(deal["associations"]["contacts"]["results"][0]["id"]),
            datetime.fromisoformat(deal["createdAt"].replace("Z", "+00:00")),
        )
        for deal in json.loads((dataset / "crm" / "hubspot" / "deals.json").read_text())
    ]
    for lead in json.loads((dataset / "crm" / "amocrm" / "leads.json").read_text()):
        person = amocrm_keys.get(lead["_embedded"]["contacts"][0]["id"])
        found.append((person, datetime.fromtimestamp(lead["created_at"], UTC)))
    return found


def test_two_form_phones_resolve_to_one_person(truths: dict[str, Any], dataset: Path) -> None:
    pairs = truths["two_form_phones"]
    assert pairs
    keys = _contact_keys(dataset)
    for pair in pairs:
        assert "+" + pair["wa_id"] != pair["e164"] or pair["crm_phone"] or pair["crm_mobilephone"]
        assert _person_key("+" + pair["wa_id"]) == _person_key(pair["e164"]) == keys[pair["hubspot_contact_id"]]


def test_conversions_by_week(truths: dict[str, Any], landing: Landing, dataset: Path) -> None:
    times: dict[str, list[int]] = defaultdict(list)
    for message in landing.inbound.values():
        times[message.get("from") or message["from_user_id"]].append(int(message["timestamp"]))
    for by_status in landing.statuses.values():
        sent = by_status["sent"]
        times[sent.get("recipient_id") or sent["recipient_user_id"]].append(int(sent["timestamp"]))
    starts: dict[str, list[int]] = {}
    weeks: dict[str, Counter[str]] = defaultdict(Counter)
    for user, moments in times.items():
        moments.sort()
        found = [t for i, t in enumerate(moments) if i == 0 or t - moments[i - 1] > 24 * 3600]
        starts[_person_key("+" + user) if "." not in user else user] = found
        for start in found:
            weeks["{}-W{:02d}".format(*datetime.fromtimestamp(start, UTC).isocalendar()[:2])]["conversations"] += 1
    for person, created in _deal_people_and_times(dataset):
        candidates = [
            s
            for s in starts.get(person or "", [])
            if timedelta(0) <= created - datetime.fromtimestamp(s, UTC) <= timedelta(days=7)
        ]
        if candidates:
            weeks["{}-W{:02d}".format(*datetime.fromtimestamp(max(candidates), UTC).isocalendar()[:2])]["leads"] += 1
    expected = {
        w: {"conversations_started": c["conversations"], "leads_attributed": c["leads"]}
        for w, c in sorted(weeks.items())
    }
    assert truths["conversion_by_iso_week"] == expected
    planted = truths["planted_conversion_week"]
    assert planted["leads_attributed"] == expected[planted["iso_week"]]["leads_attributed"] > 0
