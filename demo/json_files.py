"""Streaming JSON output: a JSON array written record by record, so big CRM exports never sit in memory."""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import Any


def dump(value: Any) -> str:
    """Compact, key-order-preserving, UTF-8 JSON: the same value always gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class JsonArrayWriter:
    """Writes `[record,\\nrecord,...]` to `path`, one record per line."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("w", encoding="utf-8")
        self._handle.write("[")
        self._separator = "\n"
        self.count = 0

    def write(self, record: Any) -> None:
        self.write_encoded([dump(record)])

    def write_encoded(self, texts: list[str]) -> None:
        """Write records already serialised as compact JSON (by a faster encoder, for big streams)."""
        if texts:
            self._handle.write(self._separator + ",\n".join(texts))
            self._separator = ",\n"
            self.count += len(texts)

    def __enter__(self) -> JsonArrayWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._handle.write("\n]\n")
        self._handle.close()
