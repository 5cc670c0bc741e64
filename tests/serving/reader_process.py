"""A BI tool in its own process: it opens a DuckDB file read-only and holds it until stdin closes.

POSIX locks never conflict inside one process, so a reader that the publisher must respect has to be
another process, as Superset or Metabase would be.
"""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLD = (
    "import sys, duckdb; connection = duckdb.connect(sys.argv[1], read_only=True); "
    "print(connection.execute('select 1').fetchone()[0], flush=True); sys.stdin.read()"
)


@contextmanager
def reader_holding(database: Path) -> Iterator[None]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "1"
        yield
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
