"""Without PII_HASH_SALT the pipeline keys no contact, with a clear error, instead of hashing with a default salt."""

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.assets.identifiers import contact_identifiers
from orchestration.assets.raw_whatsapp import whatsapp_webhook_events
from orchestration.resources import build_resources
from tests.ingestion.webhook_bodies import body, ndjson, text_message

DAY = "2026-03-12"


@pytest.fixture
def landing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One day of webhooks with one sender, and the environment the code location reads."""
    folder = tmp_path / "landing" / "whatsapp" / DAY
    folder.mkdir(parents=True)
    (folder / "hooks.ndjson").write_bytes(ndjson(body(messages=[text_message("wamid.salt1", timestamp="1773316800")])))
    for name, value in {
        "WAREHOUSE_PATH": tmp_path / "warehouse.duckdb",
        "LANDING_DIR": tmp_path / "landing",
        "BACKUP_DIR": tmp_path / "backups",
        "PUBLISH_DIR": tmp_path / "publish",
    }.items():
        monkeypatch.setenv(name, str(value))
    return tmp_path


def run_identity_step() -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [whatsapp_webhook_events, contact_identifiers],
        partition_key=DAY,
        resources=build_resources(),
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )


def error_messages(result: dg.ExecuteInProcessResult) -> str:
    return "\n".join(str(event.event_specific_data.error) for event in result.all_events if event.is_failure)


def keyed_identifiers(landing: Path) -> int:
    with duckdb.connect(str(landing / "warehouse.duckdb"), read_only=True) as connection:
        return connection.execute("select count(*) from raw.contact_identifiers").fetchone()[0]


def test_an_unset_salt_refuses_the_run_before_any_step(landing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PII_HASH_SALT", raising=False)
    with pytest.raises(dg.DagsterInvalidConfigError, match='environment variable "PII_HASH_SALT" which is not set'):
        run_identity_step()
    assert not (landing / "warehouse.duckdb").exists()


def test_an_empty_salt_fails_the_identity_step_and_keys_nothing(landing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PII_HASH_SALT", "")
    result = run_identity_step()
    assert not result.success
    assert "PII_HASH_SALT is empty" in error_messages(result)
    assert result.asset_materializations_for_node("raw__whatsapp_webhook_events")  # the landing itself succeeded
    assert keyed_identifiers(landing) == 0


def test_with_a_salt_the_same_run_keys_the_sender(landing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PII_HASH_SALT", "a-long-random-secret")
    result = run_identity_step()
    assert result.success
    assert keyed_identifiers(landing) > 0
