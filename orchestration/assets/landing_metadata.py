"""Metadata a landing asset reports: read, landed and quarantined, so nothing vanishes unseen."""

from collections.abc import Iterable

import dagster as dg

from ingestion.landing import LandingSummary


def landing_metadata(summaries: Iterable[LandingSummary]) -> dict[str, dg.MetadataValue]:
    summaries = list(summaries)
    read = sum(s.read for s in summaries)
    landed = sum(s.landed for s in summaries)
    quarantined = sum(s.quarantined for s in summaries)
    unchanged = sum(s.unchanged for s in summaries)
    windows = sorted({s.window_key for s in summaries})
    return {
        "records_read": dg.MetadataValue.int(read),
        "dagster/row_count": dg.MetadataValue.int(landed),
        "records_quarantined": dg.MetadataValue.int(quarantined),
        "records_unchanged": dg.MetadataValue.int(unchanged),
        "windows": dg.MetadataValue.text(f"{windows[0]} … {windows[-1]}" if windows else "none"),
    }
