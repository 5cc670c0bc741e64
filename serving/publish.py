"""Publishing: export the marts, write the report, seal, switch the pointer, prune old snapshots.

The order is the guarantee: the pointer moves only to a snapshot that is complete and sealed, and
old snapshots are pruned only after readers have been sent to the new one.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from serving.pointer import POINTER, snapshots_dir, switch_pointer
from serving.report.writer import REPORT_FILE, write_report
from serving.retention import prune_snapshots
from serving.snapshot import DATABASE_FILE, Snapshot, export_marts, seal


@dataclass(frozen=True)
class Publication:
    snapshot: Snapshot
    report: Path
    removed: list[Path]
    publish_dir: Path

    @property
    def published_database(self) -> Path:
        """The path BI tools are given: it follows the pointer to whatever is published."""
        return self.publish_dir / POINTER / DATABASE_FILE

    @property
    def published_report(self) -> Path:
        return self.publish_dir / POINTER / REPORT_FILE


def snapshot_version(published_at: datetime, run_id: str) -> str:
    """Sortable by time (retention keeps the newest by name), unique by run."""
    return f"{published_at:%Y%m%dT%H%M%S%fZ}-{run_id[:8]}"


def publish(warehouse_path: str, publish_dir: Path, keep: int, published_at: datetime, run_id: str) -> Publication:
    """Publish the warehouse's marts as a new snapshot; `published_at` is in UTC."""
    publish_dir = publish_dir.resolve()
    folder = snapshots_dir(publish_dir) / snapshot_version(published_at, run_id)
    with duckdb.connect(warehouse_path, read_only=True) as warehouse:
        snapshot = export_marts(warehouse, folder)
    report = write_report(snapshot, published_at)
    seal(snapshot)
    switch_pointer(publish_dir, snapshot.path)
    removed = prune_snapshots(publish_dir, keep)
    return Publication(snapshot, report, removed, publish_dir)
