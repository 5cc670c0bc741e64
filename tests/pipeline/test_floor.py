"""The benchmark's hand-written floor builds the same marts as the pipeline, on the small generated business."""

import json
import shutil
from pathlib import Path

import duckdb

from bench.floor import SCHEMA, build
from bench.verify import compare
from tests.conftest import dbt_command


def assert_floor_equals_pipeline(pipeline: Path, floor: Path) -> None:
    """Build the floor into `floor` (a copy of the pipeline's warehouse, or that warehouse itself) and compare."""
    with duckdb.connect(str(floor)) as connection:
        build(connection)
        marts = {
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables where table_schema = ? and table_name like 'mart%'",
                [SCHEMA],
            ).fetchall()
        }

    verdicts = {verdict.mart: verdict for verdict in compare(pipeline, floor, SCHEMA)}
    assert marts, "the floor builds no mart"
    assert marts <= set(verdicts), "the floor builds a mart the pipeline does not have"
    differing = {
        name: (verdicts[name].pipeline, verdicts[name].floor) for name in marts if verdicts[name].status != "equal"
    }
    assert differing == {}, "pipeline and floor totals differ"
    assert all(verdicts[name].pipeline[0] > 0 for name in marts), "a mart is empty on the generated business"


def test_every_mart_the_floor_builds_equals_the_pipelines(built_warehouse: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, warehouse)
    assert_floor_equals_pipeline(built_warehouse, warehouse)


def merge_hubspot_contacts(connection: duckdb.DuckDBPyConnection, pairs: int) -> None:
    """Pair HubSpot contacts with a messaged number and give the second of each pair the first's name and e-mail.

    The identity merge then makes each pair one person writing from two numbers; the landed identifiers already
    hold that name and e-mail, so no new key is needed.
    """
    ids = [
        record_id
        for (record_id,) in connection.execute(
            "select source_record_id from intermediate.int_contact_keys_mapped "
            "where source_system = 'hubspot' and has_phone_key and contact_key in ("
            "    select contact_key from intermediate.int_messages_resolved where direction = 'outbound'"
            ") order by source_record_id limit ?",
            [2 * pairs],
        ).fetchall()
    ]
    for kept, merged in zip(ids[0::2], ids[1::2], strict=True):
        (kept_payload,) = connection.execute(
            "select payload from raw.hubspot_contacts where source_id = ?", [kept]
        ).fetchone() or ("{}",)
        kept_properties = json.loads(kept_payload)["properties"]
        for payload, extracted_at in connection.execute(
            "select payload, extracted_at from raw.hubspot_contacts where source_id = ?", [merged]
        ).fetchall():
            record = json.loads(payload)
            record["properties"] |= {field: kept_properties[field] for field in ("firstname", "lastname", "email")}
            connection.execute(
                "update raw.hubspot_contacts set payload = ? where source_id = ? and extracted_at = ?",
                [json.dumps(record), merged, extracted_at],
            )


def test_the_floor_counts_a_person_with_two_numbers_as_the_pipeline_does(built_warehouse: Path, tmp_path: Path) -> None:
    """The generated business has no one writing from two numbers, so the marts' people are made so here."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as connection:
        merge_hubspot_contacts(connection, pairs=10)
    # A build, not a run: every data test must hold with people writing from two numbers, too.
    dbt_command("build", warehouse=warehouse, target_path=tmp_path / "target")
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        (people_with_two_numbers,) = connection.execute(
            "select count(*) from (select contact_key from intermediate.int_contact_keys_mapped "
            "where source_system = 'whatsapp' group by contact_key having count(*) > 1)"
        ).fetchone() or (0,)
    assert people_with_two_numbers > 0, "the merge made no one write from two numbers"
    assert_floor_equals_pipeline(warehouse, warehouse)
