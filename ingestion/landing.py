"""What a connector hands to the raw store: the rows of one window and the records it refused."""

from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa


@dataclass(frozen=True)
class QuarantinedRecord:
    """A record that could not be landed, kept with where it was read and why."""

    locator: str
    payload: str
    reason: str


class Columns:
    """Rows held column by column, for readers that land hundreds of thousands of records.

    Appending each value to its column and handing Arrow whole lists is several times faster than
    building a tuple per row and transposing them afterwards, which was a quarter of webhook landing.
    Columns whose value is the same for every row (`constants`) cost nothing per row; `utf8_bytes`
    columns hold encoded text (a serializer's output) and become Arrow strings without a decode.
    """

    def __init__(self, names: Sequence[str], constants: dict[str, Any], utf8_bytes: Set[str] = frozenset()) -> None:
        self.lists: dict[str, list[Any]] = {name: [] for name in names if name not in constants}
        self.constants = constants
        self.utf8_bytes = utf8_bytes
        self._names = tuple(names)

    def __len__(self) -> int:
        return len(next(iter(self.lists.values()))) if self.lists else 0

    def to_arrow(self) -> pa.Table:
        count = len(self)
        return pa.table({name: self._column(name, count) for name in self._names})

    def _column(self, name: str, count: int) -> pa.Array | list[Any]:
        if name in self.constants:
            return _repeated(self.constants[name], count)
        if name in self.utf8_bytes:
            return pa.array(self.lists[name], pa.binary()).cast(pa.string())
        return self.lists[name]


def _repeated(value: Any, count: int) -> pa.DictionaryArray:
    """`value` `count` times, as a one-entry dictionary: no Python object per row."""
    return pa.DictionaryArray.from_arrays(pa.nulls(count, pa.int8()).fill_null(0), pa.array([value]))


@dataclass
class WindowBatch:
    """Everything one connector read for one window of one entity.

    `rows` are tuples in the column order of the target `RawTable`, or `Columns` of it; `read`
    counts the records read, so `read == len(rows) + len(quarantined)` proves nothing was dropped.
    """

    source: str
    entity: str
    window_key: str
    extracted_at: datetime
    rows: list[tuple[Any, ...]] | Columns = field(default_factory=list)
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
