"""Writes a snapshot's report beside its data, from the snapshot's own views."""

from datetime import datetime
from pathlib import Path

import duckdb

from serving.report.page import render_page
from serving.report.queries import read_report_data
from serving.snapshot import Snapshot

REPORT_FILE = "report.html"


def write_report(snapshot: Snapshot, published_at: datetime) -> Path:
    """Read the snapshot as a BI tool would (read-only, through its views) and write `report.html`."""
    with duckdb.connect(str(snapshot.database), read_only=True) as views:
        data = read_report_data(views)
    path = snapshot.path / REPORT_FILE
    path.write_text(render_page(data, snapshot.version, published_at), encoding="utf-8")
    return path
