"""The customer sheet a team keeps beside the CRMs, exported from a spreadsheet as CSV.

Written the way Excel saves it where the decimal separator is a comma: semicolon-delimited, UTF-8
with a byte-order mark, CRLF line ends, quotes only where a field needs them (notes that span
lines, a company name holding a semicolon). A steady 7 rows in 100 miss or garble one required
field, so the completeness audit has an exact figure to find, and two rows at the end cannot be
landed at all: one without a phone or an email, one cut short.
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from demo.clock import DAY
from demo.crm_records import BUDGETS, CONTACT_TIMES, INDUSTRIES, PRODUCTS, ROLES
from demo.messages import Message
from demo.names import COMPANIES
from demo.people import Person
from demo.phone_text import render_phone

FILE_NAME = "customers-2026-10.csv"
HEADER = (
    "Name",
    "Phone",
    "Email",
    "Company",
    "Country",
    "Industry",
    "Company size",
    "Role",
    "Product interest",
    "Budget range",
    "Preferred contact time",
    "First contact",
    "Last follow-up",
    "Tags",
    "Value class",
    "Notes",
)
DEFINITIONS = {
    "csv_contacts": "rows of landing/csv/contacts/customers-2026-10.csv after the header: data_rows all of them, "
    "quarantined_rows those without the header's 16 columns or without both Phone and Email, landed_rows the "
    "rest; complete_rows = landed rows whose required fields are all present and valid: Name non-blank, Industry "
    "one of the allowed list (Retail, Construction, Healthcare, Education, Hospitality, Manufacturing, "
    "Logistics, Real Estate, Technology, Food & Beverage), Product interest non-blank, First contact "
    "`YYYY-MM-DD HH:MM`, Last follow-up a date `YYYY-MM-DD`, Budget range one of <10k, 10k-50k, 50k-100k, "
    "100k-500k, 500k+, Preferred contact time one of morning, afternoon, evening, anytime; completeness = "
    "complete_rows / landed_rows rounded to 4 places",
}
SHEET_SHARE = 0.25  # of CRM contacts, those the team also keeps in its sheet
INCOMPLETE_PER_100 = 7
_DEFECTS = (
    ("Name", ""),
    ("Industry", "Misc"),
    ("Product interest", ""),
    ("First contact", "date only"),
    ("Last follow-up", ""),
    ("Budget range", "25000"),
    ("Preferred contact time", ""),
)
# Notes as typed into a cell, line by line.
_NOTES = tuple(
    "\n".join(lines)
    for lines in (
        ("Звонить после 18:00", "просил КП на 20 шт."),
        ("يفضل التواصل عبر واتساب", "أرسل عينة الأسبوع القادم"),
        ('Asked for a quote; "urgent"', "follow up Monday"),
        ("Повторный заказ, скидка 5%",),
        ("عميل جديد",),
    )
)
_SHEET_TAGS = ("quote sent", "sample sent", "new customer 24h", "wholesale", "VIP")
_UNLANDABLE = (
    (
        *("Walk-in customer", "", "", "Nile Supplies", "EG", "Retail", "<50", "executor", "printers", "<10k"),
        *("morning", "2026-09-01 10:00", "2026-09-02", "", "C", "paid cash"),
    ),
    ("Сергей Иванов", "+7 916 000-00-00", "sergey.ivanov@mail.ru"),
)


def _minute(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M")


class CustomerSheet:
    """Writes one sheet row per chosen person as it goes; `close` returns the truths."""

    def __init__(self, folder: Path, rng: random.Random, window: tuple[int, int]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.rng, self.window = rng, window
        self._handle = (folder / FILE_NAME).open("w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._handle, delimiter=";")
        self._writer.writerow(HEADER)
        self.rows = self.complete = self.multiline = 0

    def add(self, person: Person, messages: list[Message]) -> None:
        if self.rng.random() >= SHEET_SHARE or person.phone is None:
            return
        row = self._row(person, messages)
        incomplete = (self.rows + 1) * INCOMPLETE_PER_100 // 100 > self.rows * INCOMPLETE_PER_100 // 100
        if incomplete:
            column, value = self.rng.choice(_DEFECTS)
            row[column] = row[column][:10] if value == "date only" else value
        self._writer.writerow(row.values())
        self.rows += 1
        self.complete += not incomplete
        self.multiline += "\n" in row["Notes"]

    def _row(self, person: Person, messages: list[Message]) -> dict[str, str]:
        rng, (start, end) = self.rng, self.window
        assert person.phone is not None
        first = messages[0].at if messages else rng.randrange(start - 200 * DAY, end - DAY)
        phone = render_phone(rng, person.phone) if person.crm_phone_usable else ""
        native = person.profile_name.split()
        name = " ".join(native) if person.language != "en" and len(native) == 2 and rng.random() < 0.5 else None
        company = rng.choice(COMPANIES)
        return {
            "Name": name or f"{person.first_name} {person.last_name}",
            "Phone": phone,
            "Email": person.email if not phone or rng.random() < 0.85 else "",
            "Company": f"{company}; {person.country.name}" if rng.random() < 0.1 else company,
            "Country": person.country.iso if rng.random() < 0.9 else "",
            "Industry": rng.choice(INDUSTRIES),
            "Company size": rng.choice(("<50", "50-200", ">200")),
            "Role": rng.choice(ROLES),
            "Product interest": rng.choice(PRODUCTS),
            "Budget range": rng.choice(BUDGETS),
            "Preferred contact time": rng.choice(CONTACT_TIMES),
            "First contact": _minute(first),
            "Last follow-up": _minute(rng.randint(first, end - 1))[:10],
            "Tags": ", ".join(rng.sample(_SHEET_TAGS, rng.choice((0, 1, 1, 2)))),
            "Value class": rng.choice(("A", "B", "C")),
            "Notes": rng.choice(_NOTES) if rng.random() < 0.15 else "",
        }

    def close(self) -> dict[str, Any]:
        """Append the two unlandable rows, finish the file, and return the planted figures."""
        self._writer.writerows(_UNLANDABLE)
        self._handle.close()
        completeness = (Decimal(self.complete) / self.rows).quantize(Decimal("0.0001")) if self.rows else None
        return {
            "file": f"csv/contacts/{FILE_NAME}",
            "data_rows": self.rows + len(_UNLANDABLE),
            "quarantined_rows": len(_UNLANDABLE),
            "landed_rows": self.rows,
            "complete_rows": self.complete,
            "completeness": str(completeness),
            "rows_with_multiline_notes": self.multiline,
        }
