"""Customer sheets as spreadsheets really export them, landed once per checksum."""

import json
from datetime import datetime
from pathlib import Path

import pytest

from ingestion.csv_contacts import land_files
from ingestion.raw_store import RawStore

NOW = datetime(2026, 11, 1, 12, 0)
HEADER = ["Name", "Phone", "Email", "Company size", "Notes"]
NOTE = "\r\n".join(("Просил КП", "перезвонить; в пятницу"))  # a cell holding a line break and the delimiter
ROWS = [
    ["Ольга Смирнова", "8 (916) 123-45-67", "olga@mail.ru", "<50", "Звонить после 18:00"],
    ["أحمد المنصوري", "+971 50 123 4567", "", "50-200", "يفضل واتساب"],
]


def write_sheet(landing: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = landing / "csv" / "contacts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def sheet(delimiter: str, rows: list[list[str]] = ROWS) -> str:
    return "\r\n".join(delimiter.join(row) for row in [HEADER, *rows]) + "\r\n"


def landed(store: RawStore) -> list[tuple[str, int, dict]]:
    rows = store.query("select source_file, line_number, payload from raw.csv_contacts order by 1, 2")
    return [(file, line, json.loads(payload)) for file, line, payload in rows]


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_reads_comma_or_semicolon_with_or_without_a_byte_order_mark(
    tmp_path: Path, raw_store: RawStore, delimiter: str, encoding: str
) -> None:
    write_sheet(tmp_path, "team.csv", sheet(delimiter), encoding)
    (summary,), unchanged = land_files(raw_store, tmp_path, NOW)
    assert (summary.read, summary.landed, summary.quarantined, unchanged) == (2, 2, 0, 0)
    (file, line, first), (_, _, second) = landed(raw_store)
    assert (file, line, summary.window_key) == ("csv/contacts/team.csv", 2, "csv/contacts/team.csv")
    assert first == {
        "name": "Ольга Смирнова",
        "phone": "8 (916) 123-45-67",
        "email": "olga@mail.ru",
        "company_size": "<50",
        "notes": "Звонить после 18:00",
    }
    assert second["name"] == "أحمد المنصوري" and second["email"] == ""


def test_quoted_fields_keep_their_newlines_and_delimiters_and_lines_are_counted(
    tmp_path: Path, raw_store: RawStore
) -> None:
    text = (
        "Name;Phone;Email;Company size;Notes\r\n"
        f'Иван;+7 916 000 11 22;;<50;"{NOTE}"\r\n'
        '"Al ""Gulf"" Trading";+971 50 765 4321;;>200;\r\n'
    )
    write_sheet(tmp_path, "notes.csv", text)
    land_files(raw_store, tmp_path, NOW)
    (_, line_1, first), (_, line_2, second) = landed(raw_store)
    assert (line_1, line_2) == (2, 4)  # the second row starts after the note's two lines
    assert first["notes"] == NOTE
    assert second["name"] == 'Al "Gulf" Trading'


def test_the_same_file_again_changes_nothing_and_a_changed_file_replaces_its_rows(
    tmp_path: Path, raw_store: RawStore
) -> None:
    write_sheet(tmp_path, "a.csv", sheet(";"))
    write_sheet(tmp_path, "b.csv", sheet(","))
    land_files(raw_store, tmp_path, NOW)
    before = landed(raw_store)
    assert land_files(raw_store, tmp_path, datetime(2026, 11, 2)) == ([], 2)
    assert landed(raw_store) == before
    write_sheet(tmp_path, "a.csv", sheet(";", ROWS[1:]))
    summaries, unchanged = land_files(raw_store, tmp_path, datetime(2026, 11, 3))
    assert [s.window_key for s in summaries] == ["csv/contacts/a.csv"] and unchanged == 1
    after = landed(raw_store)
    assert [(f, row["name"]) for f, _, row in after if f.endswith("a.csv")] == [("csv/contacts/a.csv", "أحمد المنصوري")]
    assert [r for r in after if r[0].endswith("b.csv")] == [r for r in before if r[0].endswith("b.csv")]


def test_bad_rows_are_quarantined_with_their_reason_and_the_rest_lands(tmp_path: Path, raw_store: RawStore) -> None:
    text = (
        "Name,Phone,Email,Company size,Notes\n"
        "Ann,+44 7700 900123,,<50,ok\n"
        "Cut short,+44 7700 900124\n"
        'Broken,"+44 7700" 900125,,<50,\n'
        "Nobody,,,>200,walk-in\n"
        ",,,,\n"
        "Bea,,bea@example.com,<50,\n"
    )
    write_sheet(tmp_path, "bad.csv", text)
    (summary,), _ = land_files(raw_store, tmp_path, NOW)
    assert summary.read == summary.landed + summary.quarantined
    assert (summary.landed, summary.quarantined) == (2, 3)  # the all-empty row is a blank line, not a record
    reasons = raw_store.query("select locator, reason, payload from raw.quarantine order by locator")
    assert [(locator, reason.split(":")[0]) for locator, reason, _ in reasons] == [
        ("csv/contacts/bad.csv:3", "expected 5 columns, found 2"),
        ("csv/contacts/bad.csv:4", "broken quoting"),
        ("csv/contacts/bad.csv:5", "row without a phone or an email"),
    ]
    assert reasons[0][2] == "Cut short,+44 7700 900124"


def test_an_empty_file_or_a_header_alone_is_not_an_error(tmp_path: Path, raw_store: RawStore) -> None:
    write_sheet(tmp_path, "empty.csv", "")
    write_sheet(tmp_path, "header.csv", "\ufeffName;Phone;Email\r\n")
    summaries, _ = land_files(raw_store, tmp_path, NOW)
    assert [(s.read, s.landed, s.quarantined) for s in summaries] == [(0, 0, 0), (0, 0, 0)]
    assert land_files(raw_store, tmp_path, NOW) == ([], 2)  # their checksums are remembered too


def test_rows_that_are_not_utf8_are_quarantined_row_by_row(tmp_path: Path, raw_store: RawStore) -> None:
    write_sheet(tmp_path, "legacy.csv", sheet(";", ROWS[:1]), "cp1251")  # a Russian Excel default
    (summary,), _ = land_files(raw_store, tmp_path, NOW)
    assert (summary.landed, summary.quarantined) == (0, 1)
    assert raw_store.query("select reason from raw.quarantine")[0][0].startswith("not UTF-8")
