"""Customer sheets dropped as CSV in `<LANDING_DIR>/csv/contacts/*.csv`, one raw row per data row.

A file's window is its path relative to the landing directory, and the SHA-256 of its bytes is
remembered (the `csv`/`contacts` cursor maps each file to its checksum), so a file is read once:
the same bytes again change nothing, and a changed file replaces that file's rows in one
transaction. Spreadsheets export UTF-8 with or without a byte-order mark (or UTF-16 with one), comma- or
semicolon-separated, with quoted fields that hold the delimiter or span lines; the stdlib `csv`
reader handles the quoting, and a row it cannot read, or that has the wrong number of columns, or
names nobody (no phone and no email), or holds bytes that are not UTF-8 (a cp1251 row pasted into a
UTF-8 sheet), goes to quarantine with its text and line; the other rows still land.
"""

import codecs
import csv
import hashlib
import io
import re
from datetime import datetime
from pathlib import Path

import orjson

from ingestion.landing import LandingSummary, WindowBatch
from ingestion.raw_store import RawStore
from ingestion.raw_tables import CSV_CONTACTS

SOURCE, ENTITY = "csv", "contacts"
FOLDER = Path("csv") / "contacts"
DELIMITERS = (";", ",", "\t", "|")
# Columns, as named after `column_name`, that reach a person; a row with none of them filled is refused.
PHONE_COLUMNS = ("phone", "mobile", "whatsapp")
EMAIL_COLUMNS = ("email", "e_mail")
# What `surrogateescape` decodes a byte that is not UTF-8 to.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def column_name(header: str) -> str:
    """A header as a JSON key SQL can address on every engine: lower case, other runs as `_`."""
    return re.sub(r"\W+", "_", header.strip().lower()).strip("_")


def delimiter_of(header_line: str) -> str:
    """The candidate the header line holds most of.

    A header names columns and rarely holds the delimiter itself, so its counts are a surer sniff
    than `csv.Sniffer`, which a header such as `Name;Phone, mobile` or multi-line notes mislead.
    """
    return max(DELIMITERS, key=header_line.count) if any(d in header_line for d in DELIMITERS) else ","


def land_files(store: RawStore, landing_dir: Path, extracted_at: datetime) -> tuple[list[LandingSummary], int]:
    """Land every new or changed sheet; return the summaries and how many files were unchanged."""
    stored = store.cursor(SOURCE, ENTITY)
    checksums: dict[str, str] = orjson.loads(stored) if stored else {}
    summaries, unchanged = [], 0
    for path in sorted((landing_dir / FOLDER).glob("*.csv")):
        source_file, content = path.relative_to(landing_dir).as_posix(), path.read_bytes()
        checksum = hashlib.sha256(content).hexdigest()
        if checksums.get(source_file) == checksum:
            unchanged += 1
            continue
        checksums[source_file] = checksum
        batch = read_sheet(content, source_file, extracted_at)
        cursor = orjson.dumps(checksums, option=orjson.OPT_SORT_KEYS).decode()
        summaries.append(store.replace_window_and_cursor(CSV_CONTACTS, batch, cursor))
    return summaries, unchanged


def decoded(content: bytes) -> str:
    """The sheet's text: UTF-16 when it starts with a UTF-16 byte-order mark (Excel's "Unicode text"),
    else UTF-8 with or without a mark, bytes that are not UTF-8 kept as lone surrogates
    (`surrogateescape`) so the rows holding them, and only those, can be quarantined.
    """
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", "surrogateescape")
    return content.decode("utf-8-sig", "surrogateescape")


def read_sheet(content: bytes, source_file: str, extracted_at: datetime) -> WindowBatch:
    batch = WindowBatch(SOURCE, ENTITY, source_file, extracted_at)
    text = decoded(content)
    lines = io.StringIO(text, newline="").readlines()
    if not lines:
        return batch
    reader = csv.reader(lines, delimiter=delimiter_of(lines[0]), strict=True)
    header = _unique([column_name(h) or f"column_{i}" for i, h in enumerate(next(reader), start=1)])
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return batch
        except csv.Error as error:
            end = reader.line_num
            text = "".join(lines[start - 1 : end]).rstrip("\r\n")
            batch.quarantine(f"{source_file}:{start}", _printable(text), f"broken quoting: {error}")
            continue
        end = reader.line_num
        if any(cell.strip() for cell in row):
            _add_row(batch, header, row, "".join(lines[start - 1 : end]).rstrip("\r\n"), start)


def _unique(names: list[str]) -> list[str]:
    """Header names made distinct (`phone`, `phone_2`), so no column overwrites another in the payload."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _add_row(batch: WindowBatch, header: list[str], row: list[str], text: str, line_number: int) -> None:
    locator = f"{batch.window_key}:{line_number}"
    if _NOT_UTF8.search(text):
        batch.quarantine(locator, _printable(text), "not UTF-8: the row holds bytes of another encoding (cp1251?)")
        return
    if len(row) != len(header):
        batch.quarantine(locator, text, f"expected {len(header)} columns, found {len(row)}")
        return
    record = dict(zip(header, row, strict=True))
    if not any(record.get(name, "").strip() for name in PHONE_COLUMNS + EMAIL_COLUMNS):
        batch.quarantine(locator, text, "row without a phone or an email")
        return
    payload = orjson.dumps(record).decode("utf-8")
    batch.rows.append((batch.window_key, batch.window_key, line_number, payload, batch.extracted_at))


def _printable(text: str) -> str:
    """`text` with each byte that was not UTF-8 shown as U+FFFD, so it can be stored as text."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
