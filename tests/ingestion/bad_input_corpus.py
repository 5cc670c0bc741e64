"""The bad-input corpus (`bad_inputs/<source>.json`): loading its cases and checking where each input ended.

Each case names the records (or lines) one source serves and how many must land and how many be
quarantined, with a phrase the quarantine reason must hold. Two directives keep huge values out of
the files: `{"$repeat": [text, n]}` is `text` n times, `{"$concat": [part, ...]}` joins its parts.
"""

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ingestion.identity import key_new_identifiers
from ingestion.landing import LandingSummary
from ingestion.raw_store import RawStore
from ingestion.raw_tables import ALL_TABLES
from ingestion.timestamps import EARLIEST, LATEST

CORPUS = Path(__file__).with_name("bad_inputs")
NOW = datetime(2026, 1, 10, 12, 0)


def expand(value: Any) -> Any:
    """The value with its `$repeat` and `$concat` directives written out."""
    if isinstance(value, dict) and set(value) == {"$repeat"}:
        text, count = value["$repeat"]
        return text * count
    if isinstance(value, dict) and set(value) == {"$concat"}:
        return "".join(expand(part) for part in value["$concat"])
    if isinstance(value, dict):
        return {key: expand(item) for key, item in value.items()}
    if isinstance(value, list):
        return [expand(item) for item in value]
    return value


def cases(source: str) -> list[dict[str, Any]]:
    return json.loads((CORPUS / f"{source}.json").read_text(encoding="ascii"))


def case_ids(source: str) -> list[str]:
    return [case["case"] for case in cases(source)]


def assert_accounted_for(store: RawStore, source: str, summaries: list[LandingSummary], case: dict[str, Any]) -> None:
    """Every input ended as a landed row or a quarantine row with its reason: none lost, none doubled."""
    tables = [table for table in ALL_TABLES if table.name.startswith(f"{source}_")]
    landed = sum(store.query(f"select count(*) from {table.qualified_name}")[0][0] for table in tables)
    reasons = [reason for (reason,) in store.query("select reason from raw.quarantine")]
    assert (landed, len(reasons)) == (case["landed"], case["quarantined"]), reasons
    if "reason" in case:
        assert any(case["reason"] in reason for reason in reasons), reasons
    assert sum(s.read for s in summaries) == sum(s.landed + s.quarantined + s.unchanged for s in summaries)
    for table in tables:
        if table.is_versioned:
            doubled = f"select source_id from {table.qualified_name} group by source_id, updated_at having count(*) > 1"
            assert store.query(doubled) == []
    for (cursor,) in store.query("select cursor_value from raw.source_cursors where source <> 'csv'"):
        assert EARLIEST <= cursor_time(cursor) < LATEST, cursor
    key_new_identifiers(store, "corpus-salt", NOW)  # the identity step reads every payload the corpus landed


def cursor_time(cursor: str) -> datetime:
    """A cursor as a time: HubSpot's epoch milliseconds, amoCRM's unix seconds, Chatwoot's ISO text."""
    if cursor.isdigit():
        number = int(cursor)
        return datetime.fromtimestamp(number / 1000 if number > 10**11 else number)
    return datetime.fromisoformat(cursor)
