"""`python -m orchestration.run` as `make run` runs it, on a generated business served on 127.0.0.1, in a folder."""

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from demo.servers.amocrm import AmoCrmServer
from demo.servers.chatwoot import ACCOUNT_ID, ChatwootServer
from demo.servers.hubspot import HubSpotServer
from tests.conftest import REPO


def run_pipeline(
    dataset: Path,
    folder: Path,
    tokens: Mapping[str, str],
    days: list[str],
    overrides: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run the received `days` of `dataset` with its CRMs served under `tokens`; `overrides` change the environment
    last (a source's URL, a retry delay). The warehouse, Dagster's home, backups and snapshot go under `folder`."""
    home = folder / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "deploy" / "dagster.yaml", home / "dagster.yaml")
    crm = dataset / "crm"
    with (
        HubSpotServer(crm / "hubspot", token=tokens["HUBSPOT_ACCESS_TOKEN"]) as hubspot,
        AmoCrmServer(crm / "amocrm", token=tokens["AMOCRM_ACCESS_TOKEN"]) as amocrm,
        ChatwootServer(crm / "chatwoot", token=tokens["CHATWOOT_API_TOKEN"]) as chatwoot,
    ):
        environment = (
            os.environ
            | dict(tokens)
            | {
                "LANDING_DIR": str(dataset / "landing"),
                "HUBSPOT_BASE_URL": hubspot.url,
                "AMOCRM_BASE_URL": amocrm.url,
                "CHATWOOT_BASE_URL": chatwoot.url,
                "CHATWOOT_ACCOUNT_ID": ACCOUNT_ID,
                "CHATWOOT_REQUESTS_PER_SECOND": "2000",
                "DAGSTER_HOME": str(home),
                "WAREHOUSE_PATH": str(folder / "warehouse.duckdb"),
                "PUBLISH_DIR": str(folder / "published"),
                "BACKUP_DIR": str(folder / "backups"),
                "PII_HASH_SALT": "pipeline-test-salt",
            }
            | dict(overrides or {})
        )
        command = [sys.executable, "-m", "orchestration.run", "--start", days[0], "--end", days[-1]]
        command += ["--log-file", str(folder / "pipeline.log")]
        return subprocess.run(command, env=environment, cwd=REPO, capture_output=True, text=True, timeout=600)
