"""Generation settings: the knobs a caller turns and the fixed facts of the synthetic business."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

# Volumes at --scale 1.0, as DESIGN §3 sets them for the default demo.
CONTACTS_AT_SCALE_1 = 5_000
MESSAGES_AT_SCALE_1 = 200_000
DEALS_AT_SCALE_1 = 4_000

# The one business number every webhook reports in `metadata`, and its WhatsApp Business Account.
WABA_ID = "102938475610293"
PHONE_NUMBER_ID = "106540352242922"
DISPLAY_PHONE_NUMBER = "971800555123"

# Per-message pricing replaced per-conversation pricing on this date (Cloud API changelog).
PMP_START = datetime(2025, 7, 1, tzinfo=UTC)

LOW_DELIVERY_DATE = date(2026, 3, 10)
LOW_DELIVERY_RATE = (4, 5)  # exactly 0.80, as a fraction so the planted value is exact
# The amoCRM desk's re-class day: from 14:00 UTC it re-classes customers' value class, 82 % of them right.
RETAG_DATE = date(2026, 5, 19)
RETAG_FROM_HOUR = 14
RETAG_ACCURACY = Fraction(41, 50)  # exactly 0.82
RETAG_CUSTOMERS_AT_SCALE_1 = 400
RETAG_MIN_CUSTOMERS = 12
CONVERSION_WEEK = (2026, 6)  # ISO year and week with a boosted conversation->lead rate
ATTRIBUTION_WINDOW = timedelta(days=7)
CONVERSATION_GAP = timedelta(hours=24)


@dataclass(frozen=True)
class GenerationConfig:
    """What `python -m demo generate` was asked for; every output is a pure function of it."""

    seed: int = 7
    scale: float = 1.0
    start: date = date(2025, 11, 1)
    months: int = 12
    # CRM contacts, when not the scale's: DESIGN §9's benchmark business has 10 messages per contact, four times
    # the demo's contacts for its messages (10 M messages, 1 M contacts, 200 k deals).
    contacts: int | None = None

    @property
    def window_start(self) -> datetime:
        return datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)

    @property
    def window_end(self) -> datetime:
        """Exclusive end: `months` calendar months after the start."""
        month_index = self.start.month - 1 + self.months
        year, month = self.start.year + month_index // 12, month_index % 12 + 1
        return datetime(year, month, min(self.start.day, 28), tzinfo=UTC)

    @property
    def crm_contacts(self) -> int:
        if self.contacts is not None:
            return max(5, self.contacts)
        return max(5, round(CONTACTS_AT_SCALE_1 * self.scale))

    @property
    def messages(self) -> int:
        return max(50, round(MESSAGES_AT_SCALE_1 * self.scale * self.months / 12))

    @property
    def deals(self) -> int:
        return max(5, round(DEALS_AT_SCALE_1 * self.scale * self.months / 12))

    def in_window(self, day: date) -> bool:
        return self.window_start.date() <= day < self.window_end.date()

    @property
    def low_delivery_date(self) -> date:
        """The planted low-delivery day: the fixed date when the window holds it, else its 130th day."""
        if self.in_window(LOW_DELIVERY_DATE):
            return LOW_DELIVERY_DATE
        return self.window_start.date() + timedelta(days=130)

    @property
    def retag_date(self) -> date:
        """The planted re-class day: the fixed date when the window holds it, else its 200th day."""
        if self.in_window(RETAG_DATE):
            return RETAG_DATE
        return self.window_start.date() + timedelta(days=200)

    @property
    def retag_customers(self) -> int:
        return max(RETAG_MIN_CUSTOMERS, round(RETAG_CUSTOMERS_AT_SCALE_1 * self.scale))

    @property
    def conversion_week(self) -> tuple[int, int]:
        """The ISO week with the boosted conversion: the fixed week when inside the window, else week 14."""
        monday = date.fromisocalendar(*CONVERSION_WEEK, 1)
        if self.in_window(monday) and self.in_window(monday + timedelta(days=13)):
            return CONVERSION_WEEK
        iso = (self.window_start.date() + timedelta(days=98)).isocalendar()
        return iso.year, iso.week
