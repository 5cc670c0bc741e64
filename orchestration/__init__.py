"""The Dagster code location: thin adapters from ingestion/, dbt_project/ and quality/ to assets."""
