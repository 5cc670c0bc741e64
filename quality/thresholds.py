"""The audit standard, read from `thresholds.yaml`: thresholds are configuration, never code."""

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

import yaml

DEFAULT_THRESHOLDS_FILE = Path(__file__).with_name("thresholds.yaml")
# A deployment that holds itself to another standard (or gates the publish on more audits) points this at its own
# copy of the file instead of editing the package.
THRESHOLDS_FILE_VARIABLE = "AUDIT_THRESHOLDS_FILE"


class Verdict(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class AuditThreshold:
    """One audit's standard: pass at or beyond `threshold`, warn within `tolerance`, else fail."""

    name: str
    description: str
    direction: Literal["at_least", "at_most"]
    unit: Literal["rate", "minutes", "score"]
    threshold: float
    tolerance: float
    blocking: bool
    cadence: str

    def format(self, value: float | None) -> str:
        """A value as people read it: `98.4 %`, `12.5 min`, `4.10`."""
        if value is None:
            return "missing"
        if self.unit == "rate":
            return f"{value:.1%}"
        if self.unit == "minutes":
            return f"{value:.1f} min"
        return f"{value:.2f}"

    @property
    def standard_text(self) -> str:
        """The standard as people say it: `at least 95.0% (warn to 92.0%)`."""
        text = f"{self.direction.replace('_', ' ')} {self.format(self.threshold)}"
        return f"{text} (warn to {self.format(self.warn_bound)})" if self.tolerance else text

    @property
    def warn_bound(self) -> float:
        """The value past which the audit fails rather than warns.

        Rounded, because 0.90 - 0.05 is 0.8500000000000001 in binary floating point, which would fail
        a value of exactly 85 % that the standard's band still allows.
        """
        if self.direction == "at_least":
            return round(self.threshold - self.tolerance, 9)
        return round(self.threshold + self.tolerance, 9)


def thresholds_file() -> Path:
    """`AUDIT_THRESHOLDS_FILE` when set, else the standard shipped in quality/thresholds.yaml."""
    return Path(os.environ.get(THRESHOLDS_FILE_VARIABLE) or DEFAULT_THRESHOLDS_FILE)


def load_thresholds(path: Path | None = None) -> dict[str, AuditThreshold]:
    """Every audit in the file by name; a malformed entry fails loudly with its name."""
    path = path or thresholds_file()
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    audits: dict[str, AuditThreshold] = {}
    for name, entry in document["audits"].items():
        if entry["direction"] not in ("at_least", "at_most"):
            raise ValueError(f"{path}: audit {name!r} has direction {entry['direction']!r}")
        if entry["unit"] not in ("rate", "minutes", "score"):
            raise ValueError(f"{path}: audit {name!r} has unit {entry['unit']!r}")
        audits[name] = AuditThreshold(
            name=name,
            description=entry["description"],
            direction=entry["direction"],
            unit=entry["unit"],
            threshold=float(entry["threshold"]),
            tolerance=float(entry["tolerance"]),
            blocking=bool(entry["blocking"]),
            cadence=entry["cadence"],
        )
    return audits
