"""The three dbt builds (orchestration/assets/dbt_models.py) split the project without gaps or overlaps.

Every model is in one build, built after everything it reads; every dbt test is a Dagster check of exactly one
build, the one where every model it reads is already fresh. A test that is a check of an earlier build than one of
its models would run against a stale table, or show in the UI as never executed.
"""

import json

import dagster as dg

from orchestration.assets.dbt_models import dbt_models
from orchestration.dbt_project import dbt_project
from orchestration.dbt_translator import WarehouseTranslator

BUILD_ORDER = ["warehouse_dbt_models", "message_dbt_models", "rollup_dbt_models"]


def manifest() -> dict:
    return json.loads(dbt_project.manifest_path.read_text())


def build_of_assets() -> dict[dg.AssetKey, int]:
    by_name = {assets.node_def.name: assets for assets in dbt_models}
    assert sorted(by_name) == sorted(BUILD_ORDER)
    build: dict[dg.AssetKey, int] = {}
    for position, name in enumerate(BUILD_ORDER):
        for key in by_name[name].keys:
            assert key not in build, f"{key} is in two builds"
            build[key] = position
    return build


def test_every_model_is_built_after_what_it_reads() -> None:
    build = build_of_assets()
    project = manifest()
    nodes = project["nodes"]
    translator = WarehouseTranslator()
    models = [key for key, node in nodes.items() if node["resource_type"] in ("model", "seed", "snapshot")]
    key_of = {model: translator.get_asset_spec(project, model, dbt_project).key for model in models}
    assert set(key_of.values()) == set(build)
    for model in models:
        for parent in project["parent_map"][model]:
            if parent in key_of:
                assert build[key_of[parent]] <= build[key_of[model]], f"{model} is built before {parent}"


def test_every_dbt_test_is_a_check_of_the_build_where_all_it_reads_is_fresh() -> None:
    project = manifest()
    build = build_of_assets()
    translator = WarehouseTranslator()
    checks = {check.name: check for assets in dbt_models for check in assets.check_keys}
    # Tests of a source alone guard the raw tables; they run in the first build and are not Dagster checks.
    tests = [
        key
        for key, node in project["nodes"].items()
        if node["resource_type"] == "test" and any(parent in project["nodes"] for parent in project["parent_map"][key])
    ]
    assert len(checks) == len(tests), "a dbt test is a check of no build, or of two"
    for test in tests:
        check = checks[project["nodes"][test]["name"]]
        parents = [
            build[translator.get_asset_spec(project, parent, dbt_project).key]
            for parent in project["parent_map"][test]
            if parent in project["nodes"]
        ]
        assert build[check.asset_key] == max(parents), f"{test} is checked before all it reads is built"
