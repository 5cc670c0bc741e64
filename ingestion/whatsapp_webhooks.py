"""Lands WhatsApp Cloud API webhook bodies from the landing directory, one row per event.

The receiver appends each POST body as one NDJSON line to
`<LANDING_DIR>/whatsapp/<received date>/*.ndjson`; a day's folder is one daily partition. Meta
delivers at least once and out of order, so this module keeps every event as sent and leaves
deduplication and status ranking to the models; it only refuses what it cannot key or trust.
"""

from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from ingestion.landing import LandingSummary, WindowBatch
from ingestion.raw_store import RawStore
from ingestion.raw_tables import WHATSAPP_WEBHOOK_EVENTS

SOURCE = "whatsapp"
ENTITY = "webhook_events"
# Unix seconds a real event can carry: WhatsApp Business launched in 2018, and a value past 2100
# is milliseconds or garbage. Outside this range the models would mis-date the event.
EARLIEST_TIMESTAMP = 1_514_764_800  # 2018-01-01
LATEST_TIMESTAMP = 4_102_444_800  # 2100-01-01
EVENT_KINDS = (("message", "messages"), ("status", "statuses"))


def day_folder(landing_dir: Path, day: date) -> Path:
    return landing_dir / SOURCE / day.isoformat()


def land_day(store: RawStore, landing_dir: Path, day: date, extracted_at: datetime) -> LandingSummary:
    """Read one received day's files and replace that day's window in the raw layer."""
    return store.replace_window(WHATSAPP_WEBHOOK_EVENTS, read_day(landing_dir, day, extracted_at))


def read_day(landing_dir: Path, day: date, extracted_at: datetime) -> WindowBatch:
    batch = WindowBatch(SOURCE, ENTITY, day.isoformat(), extracted_at)
    for path in sorted(day_folder(landing_dir, day).glob("*.ndjson")):
        source_file = path.relative_to(landing_dir).as_posix()
        with path.open("rb") as lines:
            for line_number, line in enumerate(lines, start=1):
                if line.strip():
                    read_body(line, source_file, line_number, batch)
    return batch


def read_body(line: bytes, source_file: str, line_number: int, batch: WindowBatch) -> None:
    """Split one webhook body into event rows, quarantining whatever cannot be landed."""
    locator = f"{source_file}:{line_number}"
    try:
        text = line.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        batch.quarantine(locator, line.decode("utf-8", "replace").rstrip("\r\n"), "invalid UTF-8")
        return
    try:
        body = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        batch.quarantine(locator, text, f"malformed JSON: {error}")
        return
    if not isinstance(body, dict) or body.get("object") != "whatsapp_business_account":
        batch.quarantine(locator, text, "not a whatsapp_business_account webhook body")
        return
    entries = body.get("entry")
    if not isinstance(entries, list):
        batch.quarantine(locator, text, "webhook body without an entry list")
        return
    event_index = 0
    for entry in entries:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            batch.quarantine(locator, _dumps(entry), "entry without a changes list")
            continue
        for change in changes:
            event_index = _read_change(entry, change, locator, source_file, line_number, event_index, batch)


def _read_change(
    entry: dict[str, Any],
    change: Any,
    locator: str,
    source_file: str,
    line_number: int,
    event_index: int,
    batch: WindowBatch,
) -> int:
    value = change.get("value") if isinstance(change, dict) else None
    field = change.get("field") if isinstance(change, dict) else None
    if field != "messages" or not isinstance(value, dict):
        batch.quarantine(locator, _dumps(change), f"change field {field!r} is not a messages change")
        return event_index
    context = _dumps({"waba_id": entry.get("id"), "metadata": value.get("metadata"), "contacts": value.get("contacts")})
    found = False
    for kind, key in EVENT_KINDS:
        events = value.get(key) or []
        for event in events if isinstance(events, list) else [events]:
            found = True
            event_index += 1
            reason = event_problem(kind, event)
            payload = _dumps(event)
            if reason:
                batch.quarantine(f"{locator}:{event_index}", payload, reason)
            else:
                batch.rows.append(
                    (
                        batch.window_key,
                        source_file,
                        line_number,
                        event_index,
                        kind,
                        event["id"],
                        payload,
                        context,
                        batch.extracted_at,
                    )
                )
    if not found:
        batch.quarantine(locator, _dumps(change), "messages change with neither messages nor statuses")
    return event_index


def event_problem(kind: str, event: Any) -> str | None:
    """Why an event cannot be landed, or None. Unknown message types and statuses are kept."""
    if not isinstance(event, dict):
        return f"{kind} is not a JSON object"
    if not isinstance(event.get("id"), str) or not event["id"]:
        return f"{kind} without an id"
    timestamp_problem = _timestamp_problem(event.get("timestamp"))
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
    if not EARLIEST_TIMESTAMP <= int(text) < LATEST_TIMESTAMP:
        return f"timestamp {text} is out of range (not unix seconds between 2018 and 2100)"
    return None


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")
