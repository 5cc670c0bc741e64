"""Data-quality audits: thresholds from one YAML file, verdicts by Great Expectations (GX Core 1.x).

Nothing here imports Dagster; `orchestration/checks.py` turns these verdicts into asset checks.
"""
