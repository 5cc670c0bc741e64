"""Resources: where the warehouse and the landing files are, and how to reach each source.

Paths and the hashing salt come from `EnvVar`, resolved when a run starts. Source credentials are
read by variable name at run time instead, because an unset source must be skipped, not an error,
and a token must never become part of a run's configuration or metadata.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from ingestion.amocrm import DEFAULT_REQUESTS_PER_SECOND as AMOCRM_REQUESTS_PER_SECOND
from ingestion.amocrm import amocrm_client
from ingestion.chatwoot import DEFAULT_REQUESTS_PER_SECOND as CHATWOOT_REQUESTS_PER_SECOND
from ingestion.chatwoot import ChatwootApi, chatwoot_api
from ingestion.http_client import SourceClient
from ingestion.hubspot import DEFAULT_REQUESTS_PER_SECOND, hubspot_client
from ingestion.raw_store import RawStore
from ingestion.settings import AMOCRM, CHATWOOT, HUBSPOT, optional_rate
from serving.retention import keep_count

# The concurrency pool of every step that opens the warehouse. DuckDB lets one process write a file
# and no other process even read it meanwhile, so deploy/dagster.yaml limits the pool to one step
# at a time across all runs (a backfill and a scheduled run queue for it instead of failing on a lock).
WAREHOUSE_POOL = "warehouse"


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file: one writer at a time, readers only between writes."""

    path: str

    @contextmanager
    def raw_store(self) -> Iterator[RawStore]:
        with RawStore.open(self.path) as store:
            yield store

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        connection = duckdb.connect(self.path, read_only=True)
        try:
            yield connection
        finally:
            connection.close()

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection, for the steps that run between dbt's writes (checks, backups)."""
        connection = duckdb.connect(self.path)
        try:
            yield connection
        finally:
            connection.close()


class LandingResource(dg.ConfigurableResource):
    """The directory the webhook receiver and CSV drops write into."""

    landing_dir: str

    @property
    def path(self) -> Path:
        return Path(self.landing_dir)


class BackupResource(dg.ConfigurableResource):
    """Where raw-layer backups are written (`BACKUP_DIR`), one timestamped folder per backup."""

    backup_dir: str

    @property
    def path(self) -> Path:
        return Path(self.backup_dir)


class PublishResource(dg.ConfigurableResource):
    """Where BI tools read published snapshots (`PUBLISH_DIR`) and how many to keep (`PUBLISH_KEEP_SNAPSHOTS`)."""

    publish_dir: str

    @property
    def path(self) -> Path:
        return Path(self.publish_dir)

    def keep(self) -> int:
        """Read at run time: the variable is optional, so it cannot be an `EnvVar` field."""
        return keep_count(os.environ.get("PUBLISH_KEEP_SNAPSHOTS"))


class IdentityResource(dg.ConfigurableResource):
    """The secret salt that keys contact pseudonyms (`PII_HASH_SALT`)."""

    pii_hash_salt: str


class HubSpotResource(dg.ConfigurableResource):
    """HubSpot CRM, configured by `HUBSPOT_BASE_URL` and `HUBSPOT_ACCESS_TOKEN`."""

    # HubSpot's private-app quota is 100 requests per 10 s on Free/Starter, 190 on Pro/Enterprise: a Pro account
    # says so in HUBSPOT_REQUESTS_PER_SECOND.
    requests_per_second: float = DEFAULT_REQUESTS_PER_SECOND

    def client(self) -> SourceClient | None:
        """A client, or None when HubSpot is not configured in this environment."""
        values = HUBSPOT.read()
        if values is None:
            return None
        rate = optional_rate("HUBSPOT_REQUESTS_PER_SECOND", self.requests_per_second)
        return hubspot_client(values["HUBSPOT_BASE_URL"], values["HUBSPOT_ACCESS_TOKEN"], requests_per_second=rate)


class AmoCrmResource(dg.ConfigurableResource):
    """amoCRM / Kommo, configured by `AMOCRM_BASE_URL` and `AMOCRM_ACCESS_TOKEN` (a long-lived token)."""

    # amoCRM answers 429 beyond 7 requests per second per integration; AMOCRM_REQUESTS_PER_SECOND overrides it for
    # a server without that quota (the bench's local one).
    requests_per_second: float = AMOCRM_REQUESTS_PER_SECOND

    def client(self) -> SourceClient | None:
        """A client, or None when amoCRM is not configured in this environment."""
        values = AMOCRM.read()
        if values is None:
            return None
        rate = optional_rate("AMOCRM_REQUESTS_PER_SECOND", self.requests_per_second)
        return amocrm_client(values["AMOCRM_BASE_URL"], values["AMOCRM_ACCESS_TOKEN"], requests_per_second=rate)


class ChatwootResource(dg.ConfigurableResource):
    """A Chatwoot account, configured by `CHATWOOT_BASE_URL`, `CHATWOOT_API_TOKEN` and `CHATWOOT_ACCOUNT_ID`."""

    # Self-hosted Chatwoot allows RACK_ATTACK_LIMIT requests a minute per IP (3000 unless raised), so
    # an operator who raised it says so in CHATWOOT_REQUESTS_PER_SECOND; this is the default below it.
    requests_per_second: float = CHATWOOT_REQUESTS_PER_SECOND

    def api(self) -> ChatwootApi | None:
        """A client bound to the account, or None when Chatwoot is not configured in this environment."""
        values = CHATWOOT.read()
        if values is None:
            return None
        rate = optional_rate("CHATWOOT_REQUESTS_PER_SECOND", self.requests_per_second)
        return chatwoot_api(
            values["CHATWOOT_BASE_URL"],
            values["CHATWOOT_API_TOKEN"],
            values["CHATWOOT_ACCOUNT_ID"],
            requests_per_second=rate,
        )


def build_resources() -> dict[str, object]:
    """Every resource the code location needs, bound to its environment variables."""
    return {
        "warehouse": WarehouseResource(path=dg.EnvVar("WAREHOUSE_PATH")),
        "landing": LandingResource(landing_dir=dg.EnvVar("LANDING_DIR")),
        "backups": BackupResource(backup_dir=dg.EnvVar("BACKUP_DIR")),
        "publishing": PublishResource(publish_dir=dg.EnvVar("PUBLISH_DIR")),
        "identity": IdentityResource(pii_hash_salt=dg.EnvVar("PII_HASH_SALT")),
        "hubspot": HubSpotResource(),
        "chatwoot": ChatwootResource(),
        "amocrm": AmoCrmResource(),
    }
