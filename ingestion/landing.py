"""What a connector hands to the raw store: the rows of one window and the records it refused."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class QuarantinedRecord:
    """A record that could not be landed, kept with where it was read and why."""

    locator: str
    payload: str
    reason: str


@dataclass
class WindowBatch:
    """Everything one connector read for one window of one entity.

    `rows` are tuples in the column order of the target `RawTable`; `read` counts the records
    read, so `read == len(rows) + len(quarantined)` proves nothing was dropped.
    """

    source: str
    entity: str
    window_key: str
    extracted_at: datetime
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    quarantined: list[QuarantinedRecord] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.rows) + len(self.quarantined)

    def quarantine(self, locator: str, payload: str, reason: str) -> None:
        self.quarantined.append(QuarantinedRecord(locator, payload, reason))


@dataclass(frozen=True)
class LandingSummary:
    """How a window landed: `read == landed + quarantined + unchanged`, so nothing vanishes.

    `unchanged` counts record versions an earlier, overlapping window had already landed.
    """

    source: str
    entity: str
    window_key: str
    read: int
    landed: int
    quarantined: int
    unchanged: int = 0
