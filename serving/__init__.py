"""Serving BI tools: read-only snapshots of the marts, an atomic published pointer, the HTML report.

No Dagster here: `orchestration/assets/publish.py` adapts `publish()` to an asset.
"""
