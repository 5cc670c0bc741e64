"""Lands WhatsApp Cloud API webhook bodies from the landing directory, one row per event.

The receiver appends each POST body as one NDJSON line to
`<LANDING_DIR>/whatsapp/<received date>/*.ndjson`; a day's folder is one daily partition. Meta
delivers at least once and out of order, so this module keeps every event as sent and leaves
deduplication and status ranking to the models; it only refuses what it cannot key or trust.
"""

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from ingestion.landing import Columns, LandingSummary, WindowBatch, record_id
from ingestion.raw_store import RawStore
from ingestion.raw_tables import WHATSAPP_WEBHOOK_EVENTS
from ingestion.timestamps import seconds_in_range

SOURCE = "whatsapp"
ENTITY = "webhook_events"
EVENT_KINDS = (("message", "messages"), ("status", "statuses"))


# Days are read and landed in groups of about this many events: one transaction per group, and
# memory bounded by the group, not by the range (a year at 10 M messages does not fit in RAM).
EVENTS_PER_TRANSACTION = 250_000
# Columns the reader fills per event; the others are constant over a window (see `read_day`).
_EVENT_COLUMNS = ("source_file", "line_number", "event_index", "event_kind", "source_id", "payload", "context")


def day_folder(landing_dir: Path, day: date) -> Path:
    return landing_dir / SOURCE / day.isoformat()


def land_day(store: RawStore, landing_dir: Path, day: date, extracted_at: datetime) -> LandingSummary:
    """Read one received day's files and replace that day's window in the raw layer."""
    return land_days(store, landing_dir, [day], extracted_at)[0]


def land_days(store: RawStore, landing_dir: Path, days: Iterable[date], extracted_at: datetime) -> list[LandingSummary]:
    """Land each received day as its own window, whole days per transaction (see EVENTS_PER_TRANSACTION)."""
    summaries: list[LandingSummary] = []
    pending: list[WindowBatch] = []
    for day in days:
        pending.append(read_day(landing_dir, day, extracted_at))
        if sum(batch.read for batch in pending) >= EVENTS_PER_TRANSACTION:
            summaries += store.replace_windows(WHATSAPP_WEBHOOK_EVENTS, pending)
            pending = []
    if pending:
        summaries += store.replace_windows(WHATSAPP_WEBHOOK_EVENTS, pending)
    return summaries


def read_day(landing_dir: Path, day: date, extracted_at: datetime) -> WindowBatch:
    window_key = day.isoformat()
    constants = {"window_key": window_key, "extracted_at": extracted_at}
    # Payloads stay orjson's UTF-8 bytes: Arrow validates them as text faster than Python decodes them.
    columns = Columns(WHATSAPP_WEBHOOK_EVENTS.column_names, constants, utf8_bytes={"payload"})
    batch = WindowBatch(SOURCE, ENTITY, window_key, extracted_at, rows=columns)
    reader = _DayReader(batch, columns)
    for path in sorted(day_folder(landing_dir, day).glob("*.ndjson")):
        reader.source_file = path.relative_to(landing_dir).as_posix()
        with path.open("rb") as lines:
            for line_number, line in enumerate(lines, start=1):
                if line.strip():
                    reader.read_body(line, line_number)
    return batch


class _DayReader:
    """Splits a day's webhook bodies into event columns, quarantining whatever cannot be landed.

    It is the per-event hot loop of ingestion: the column lists' `append` methods are bound once,
    and a locator string is only built for a record that is quarantined.
    """

    def __init__(self, batch: WindowBatch, columns: Columns) -> None:
        self.batch = batch
        self.source_file = ""
        self._appends = tuple(columns.lists[name].append for name in _EVENT_COLUMNS)

    def read_body(self, line: bytes, line_number: int) -> None:
        try:
            text = line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            self._quarantine(line_number, None, text, "invalid UTF-8")
            return
        try:
            body = orjson.loads(text)
        except orjson.JSONDecodeError as error:
            self._quarantine(line_number, None, text, f"malformed JSON: {error}")
            return
        if not isinstance(body, dict) or body.get("object") != "whatsapp_business_account":
            self._quarantine(line_number, None, text, "not a whatsapp_business_account webhook body")
            return
        entries = body.get("entry")
        if not isinstance(entries, list):
            self._quarantine(line_number, None, text, "webhook body without an entry list")
            return
        event_index = 0
        for entry in entries:
            changes = entry.get("changes") if isinstance(entry, dict) else None
            if not isinstance(changes, list):
                self._quarantine(line_number, None, _dumps(entry), "entry without a changes list")
                continue
            for change in changes:
                event_index = self._read_change(entry, change, line_number, event_index)

    def _read_change(self, entry: dict[str, Any], change: Any, line_number: int, event_index: int) -> int:
        value = change.get("value") if isinstance(change, dict) else None
        field = change.get("field") if isinstance(change, dict) else None
        if field != "messages" or not isinstance(value, dict):
            self._quarantine(line_number, None, _dumps(change), f"change field {field!r} is not a messages change")
            return event_index
        context = _dumps(
            {"waba_id": entry.get("id"), "metadata": value.get("metadata"), "contacts": value.get("contacts")}
        )
        source_file, found = self.source_file, False
        file_of, line_of, index_of, kind_of, id_of, payload_of, context_of = self._appends
        for kind, key in EVENT_KINDS:
            events = value.get(key) or []
            for event in events if isinstance(events, list) else [events]:
                found = True
                event_index += 1
                reason = event_problem(kind, event)
                if reason:
                    self._quarantine(line_number, event_index, _dumps(event), reason)
                    continue
                file_of(source_file)
                line_of(line_number)
                index_of(event_index)
                kind_of(kind)
                id_of(str(event["id"]))
                payload_of(orjson.dumps(event))
                context_of(context)
        if not found:
            self._quarantine(line_number, None, _dumps(change), "messages change with neither messages nor statuses")
        return event_index

    def _quarantine(self, line_number: int, event_index: int | None, payload: str, reason: str) -> None:
        locator = f"{self.source_file}:{line_number}" + ("" if event_index is None else f":{event_index}")
        self.batch.quarantine(locator, payload, reason)


def event_problem(kind: str, event: Any) -> str | None:
    """Why an event cannot be landed, or None. Unknown message types and statuses are kept."""
    if not isinstance(event, dict):
        return f"{kind} is not a JSON object"
    if record_id(event) is None:
        return f"{kind} without an id"
    timestamp = event.get("timestamp")
    # The common case, a string of unix seconds, is accepted here without building any text.
    if not (type(timestamp) is str and timestamp.isascii() and timestamp.isdigit() and _in_range(timestamp)):
        timestamp_problem = _timestamp_problem(timestamp)
        if timestamp_problem:
            return f"{kind} {timestamp_problem}"
    if kind == "message":
        if not (event.get("from") or event.get("from_user_id")):
            return "message without a sender (from / from_user_id)"
        if not isinstance(event.get("type"), str):
            return "message without a type"
    else:
        if not isinstance(event.get("status"), str):
            return "status without a status value"
        if not (event.get("recipient_id") or event.get("recipient_user_id")):
            return "status without a recipient (recipient_id / recipient_user_id)"
    return None


def _timestamp_problem(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return "without a unix-seconds timestamp"
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        return f"timestamp {text[:40]!r} is not unix seconds"
    if not _in_range(text):
        return f"timestamp {text[:40]} is out of range (not unix seconds between 2000 and 2100)"
    return None


def _in_range(digits: str) -> bool:
    """Unix seconds the models can date (see `ingestion.timestamps`); milliseconds fall past 2100.

    Ten digits reach 2286, so a longer string is out of range before Python is asked to read it
    (`int` refuses strings of more than 4,300 digits with an error).
    """
    return len(digits) <= 10 and seconds_in_range(int(digits))


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")
