"""Who each contact record of each source really is: the labelled set dedup is measured against (DESIGN §2).

Every record the generator writes is labelled with the person it belongs to: WhatsApp contacts by the `wa_id`
or business-scoped user id the webhooks carry, HubSpot and amoCRM contacts and Chatwoot inbox contacts by
their ids, customer-sheet rows by `<file>:<line they start on>`. The labels follow the generator's people, never
the pipeline's rule: records the rule cannot join (a CRM phone that is garbage, a name written in another script)
still carry their person, so the measured recall is honest. The hard cases counted: people whose records hold
their number in two forms, and records holding no usable phone, only a name and an e-mail address.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

from demo.people import Person

DEFINITIONS = {
    "identity": "labels = [source_system, source_record_id, person_id] for every contact record: whatsapp by wa_id "
    "(or business-scoped user id), hubspot and amocrm by contact id, chatwoot by contact id (meta.sender.id), csv "
    "by `<file relative to landing>:<line the row starts on>`; person_id is the generator's person index; "
    "hard_cases counts people with a two-form number and CRM or sheet records without a usable phone",
}


class IdentityLabels:
    """Collects (source, record id, person) as the sources write their records."""

    def __init__(self) -> None:
        self.labels: list[tuple[str, str, int]] = []
        self.sheet_people: list[int] = []
        self.hard_cases: Counter[str] = Counter()

    def add(self, source_system: str, record_id: object, person: Person) -> None:
        self.labels.append((source_system, str(record_id), person.index))

    def add_person(self, person: Person, has_whatsapp_record: bool) -> None:
        """The person's WhatsApp and HubSpot records, and the hard cases they make."""
        whatsapp_id = person.wa_id or person.user_id
        if has_whatsapp_record and whatsapp_id:
            self.add("whatsapp", whatsapp_id, person)
        if person.contact_id is not None:
            self.add("hubspot", person.contact_id, person)
            self.hard_cases["crm_people_without_usable_phone"] += not person.crm_phone_usable
            self.hard_cases["crm_people_with_two_form_number"] += bool(person.phone and person.phone.is_two_form)

    def close(self, sheet_file: Path, sheet_name: str) -> dict[str, Any]:
        """Label the sheet's rows by the line each starts on (notes span lines), then return the truths."""
        for line, person_index in zip(_row_start_lines(sheet_file), self.sheet_people, strict=False):
            self.labels.append(("csv", f"{sheet_name}:{line}", person_index))
        return {
            "labels": [list(label) for label in sorted(self.labels)],
            "records_by_source": dict(sorted(Counter(source for source, _, _ in self.labels).items())),
            "hard_cases": dict(sorted(self.hard_cases.items())),
        }


def _row_start_lines(sheet_file: Path) -> list[int]:
    lines = io.StringIO(sheet_file.read_text(encoding="utf-8-sig"), newline="").readlines()
    reader = csv.reader(lines, delimiter=";")
    next(reader)
    starts, end = [], reader.line_num
    for _row in reader:
        starts.append(end + 1)
        end = reader.line_num
    return starts
