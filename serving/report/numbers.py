"""Numbers as people read them: thousands grouped, shares as percentages, money in k and M."""

import math

MISSING = "n/a"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count(value: float | None) -> str:
    return MISSING if _missing(value) else f"{round(value):,}"


def percent(share: float | None, digits: int = 1) -> str:
    """A fraction (0.953) as a percentage (95.3 %)."""
    return MISSING if _missing(share) else f"{share * 100:,.{digits}f} %"


def money(value: float | None) -> str:
    """Compact money without a currency symbol (the marts carry no single currency): 12.4k, 1.35M."""
    if _missing(value):
        return MISSING
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:,.2f}M"
    if size >= 10_000:
        return f"{value / 1_000:,.1f}k"
    return f"{value:,.0f}"


def minutes(value: float | None) -> str:
    """Durations in the unit a person would say: 45 s, 12.5 min, 3.2 h, 2.1 days."""
    if _missing(value):
        return MISSING
    if value < 1:
        return f"{value * 60:.0f} s"
    if value < 120:
        return f"{value:.1f} min"
    if value < 48 * 60:
        return f"{value / 60:.1f} h"
    return f"{value / 1440:.1f} days"


def audit_value(value: float | None, unit: str) -> str:
    """An audit's value in its unit of thresholds.yaml: rate, minutes or score (of 5)."""
    if unit == "rate":
        return percent(value)
    if unit == "minutes":
        return minutes(value)
    return MISSING if _missing(value) else f"{value:.2f} / 5"
