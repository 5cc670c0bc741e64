"""Extraction: pull each source through one HTTP client and land it whole in the raw layer.

Nothing here imports Dagster; the orchestration layer adapts these functions to assets.
"""
