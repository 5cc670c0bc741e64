"""What a connector hands to the raw store: the rows of one window and the records it refused."""

import json
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
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


_MAX_ID_DIGITS = 19


def record_id(record: Any) -> str | None:
    """The record's `id` as text, or None when it has none a row could be keyed by.

    The one rule every connector keys by: an integer (a bool is not one) or a non-empty string.
    """
    identifier = record.get("id") if isinstance(record, dict) else None
    if isinstance(identifier, bool) or not isinstance(identifier, int | str) or identifier == "":
        return None
    return str(identifier)


def numeric_id(value: Any) -> int | None:
    """An id that is a number (`123` or `"123"`) as an int, for paging by id; else None.

    Providers' numeric ids are 64-bit: a longer run of digits is no id, and Python's `int` refuses
    strings past 4,300 digits with an error, so the length is checked before reading it.
    """
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= _MAX_ID_DIGITS else None


def record_payload(record: Any) -> tuple[str, str | None]:
    """The record as JSON text, and why it cannot be landed (None when it can).

    orjson refuses what the raw layer cannot hold as sent: integers beyond 64 bits (the warehouse's
    JSON functions would round them) and strings holding lone surrogates (not Unicode, so no UTF-8
    text column can store them). Such a record is quarantined with the stdlib encoder's text, which
    escapes both, so its payload is still kept whole.
    """
    try:
        return orjson.dumps(record).decode("utf-8"), None
    except orjson.JSONEncodeError as error:
        return json.dumps(record), f"not storable as JSON text: {error}"


def add_record(
    batch: WindowBatch,
    record: Any,
    locator: str,
    time_field: str,
    read_time: Callable[[dict[str, Any]], datetime | None],
) -> datetime | None:
    """Land a record keyed by `record_id` and dated by `read_time`, or quarantine it with the reason.

    Returns the landed version's time (None when quarantined), which incremental pulls make their cursor.
    """
    payload, problem = record_payload(record)
    key = record_id(record)
    if key is None:
        batch.quarantine(locator, payload, "record without an id")
        return None
    if problem is not None:
        batch.quarantine(locator, payload, f"record {key[:40]} {problem}")
        return None
    updated_at = read_time(record)
    if updated_at is None:
        batch.quarantine(locator, payload, f"record {key[:40]} without a valid {time_field}")
        return None
    batch.rows.append((batch.window_key, key, payload, updated_at, batch.extracted_at))
    return updated_at
