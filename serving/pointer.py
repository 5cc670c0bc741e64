"""The published pointer: `PUBLISH_DIR/current`, a symbolic link to the snapshot BI tools should read.

It is switched by renaming a new link over the old one: rename(2) replaces a directory entry
atomically, so a reader resolving `current` finds the old snapshot or the new one, never neither and
never a half-written one (snapshots are complete before they are pointed to).
"""

import os
from pathlib import Path

SNAPSHOTS_DIR = "snapshots"
POINTER = "current"


def snapshots_dir(publish_dir: Path) -> Path:
    return publish_dir / SNAPSHOTS_DIR


def published_snapshot(publish_dir: Path) -> Path | None:
    """The snapshot directory the pointer names, or None before the first publish."""
    pointer = publish_dir / POINTER
    return pointer.resolve() if pointer.is_symlink() else None


def switch_pointer(publish_dir: Path, snapshot: Path) -> Path:
    """Point `current` at `snapshot` (a directory under `snapshots/`) in one rename; return the pointer."""
    pointer = publish_dir / POINTER
    staged = publish_dir / f".{POINTER}.{os.getpid()}"
    staged.unlink(missing_ok=True)
    # Relative, so the link stays right when the whole publish directory is mounted elsewhere.
    staged.symlink_to(Path(SNAPSHOTS_DIR) / snapshot.name, target_is_directory=True)
    staged.replace(pointer)
    return pointer
