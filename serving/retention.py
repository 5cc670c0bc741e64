"""Which old snapshots may go: beyond the newest N, and only when no reader can still be on them.

The rule, and why it is sound:
- The published snapshot and the one before it are always kept (N is at least 2): a reader that
  resolved `current` just before the switch opens the previous snapshot an instant after it.
- An older complete snapshot is deleted only when no process holds its DuckDB file open. DuckDB
  takes a shared POSIX lock on a database file for as long as a read-only connection has it open;
  if an exclusive lock can be taken, no DuckDB reader (Superset, Metabase, a notebook) is on it.
  A snapshot still open is kept and tried again at the next publish.
- Tools that read the Parquet files directly take no lock: they get N - 1 publishes of grace,
  which is what `PUBLISH_KEEP_SNAPSHOTS` is for.
- A directory without a manifest that is older than the published snapshot is an interrupted
  export: it was never published, so no reader can be on it, and it is removed. A newer one may be
  an export still being written by another publish, and is left alone.
"""

import fcntl
import os
import shutil
from pathlib import Path

from serving.pointer import published_snapshot, snapshots_dir
from serving.snapshot import DATABASE_FILE, is_complete

MINIMUM_KEPT = 2
DEFAULT_KEPT = 3


def keep_count(value: str | None) -> int:
    """The number of snapshots to keep, from `PUBLISH_KEEP_SNAPSHOTS` (unset or empty: the default)."""
    if value is None or not value.strip():
        return DEFAULT_KEPT
    if not value.strip().isdigit() or int(value) < MINIMUM_KEPT:
        raise ValueError(f"PUBLISH_KEEP_SNAPSHOTS must be a whole number of at least {MINIMUM_KEPT}, not {value!r}")
    return int(value)


def has_reader(snapshot: Path) -> bool:
    """Whether another process holds the snapshot's DuckDB file open (its shared lock blocks ours).

    POSIX locks never conflict within one process, and closing any descriptor drops them all: so the
    publishing process itself must not hold old snapshots open, and a reader is always another process.
    """
    database = snapshot / DATABASE_FILE
    if not database.exists():
        return False
    descriptor = os.open(database, os.O_RDWR)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        return False
    finally:
        # Closing the descriptor drops our probe lock, so the file is never held by the publisher.
        os.close(descriptor)


def prune_snapshots(publish_dir: Path, keep: int) -> list[Path]:
    """Delete what the rule above allows; return the directories removed, oldest first."""
    current = published_snapshot(publish_dir)
    folders = sorted(path for path in snapshots_dir(publish_dir).iterdir() if path.is_dir())
    complete = [path for path in folders if is_complete(path)]
    kept = {*complete[-max(keep, MINIMUM_KEPT) :], current}
    interrupted = [path for path in folders if not is_complete(path) and current and path.name < current.name]
    superseded = [path for path in complete if path not in kept and not has_reader(path)]
    removable = sorted(interrupted + superseded)
    for path in removable:
        shutil.rmtree(path)
    return removable
