"""`python -m bench` (`make bench`): the pipeline against the floor, on a generated business, in one run.

It generates the demo business at the asked size, in DESIGN §9's proportions, serves its sources on 127.0.0.1 and
times, in child processes and each `--repeat` times but the first:

- the HTTP connectors, pulling every CRM source into an empty warehouse once; that pull becomes the pipeline's raw
  layer, so the pipeline's own pulls afterwards find nothing new, as on any day after the first;
- Dagster's start-up (importing the code location);
- the full rebuild: `python -m orchestration.run` over every received day, as `make run` runs it: webhook landing,
  every dbt build, check and audit, and publishing;
- its parts alone: dbt build, the audits, publish;
- one daily partition end to end;
- the hand-written floor (bench/floor.py) and the project's compiled SQL without the framework
  (bench/floor_compiled.py);
- webhook landing on one core.

It checks both floors' marts against the pipeline's, prints a table and writes it to bench/results/, and prints
the run beside one of ten times (or a tenth of) its size when bench/results/ holds one (bench/linearity.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.linearity import counterpart, side_by_side
from bench.measure import Figure, measure
from bench.report import table, write
from bench.verify import Verdict, compare
from demo.config import MESSAGES_AT_SCALE_1
from demo.run import received_days, serving
from orchestration.dbt_builds import BUILD_COMMAND

ROOT = Path(__file__).resolve().parent.parent
DEMO_SALT = "demo-salt-not-a-secret"
# DESIGN §9's business: 10 M messages, 1 M contacts, 200 k deals. The demo's scale gives the messages and deals;
# its contacts (one per 40 messages) are set to one per 10.
MESSAGES_PER_CONTACT = 10
# The connectors are timed at the speed of the code, not of a provider's quota: the clients' rate limits are
# lifted, and so is the local amoCRM server's (it answers 429 beyond amoCRM's 7 requests per second).
UNLIMITED = 100_000
UNLIMITED_RATES = {f"{source}_REQUESTS_PER_SECOND": f"{UNLIMITED}" for source in ("HUBSPOT", "AMOCRM", "CHATWOOT")}
# Marts the floor check cannot compare, and why.
UNCOMPARABLE = {"mart_quality_audit": "reads the audit history, which checks append to after the mart is built"}
LABELS = {"equal": "equal", "differs": "DIFFERS", "missing": "not hand-written yet"}
TimedRun = Callable[..., Figure]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--messages", type=int, default=1_000_000, help="WhatsApp messages over 12 months")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (min and median shown)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "bench")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data, python = args.data_dir.resolve(), sys.executable
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    log = data / "bench.log"
    print(f"bench: {args.messages:,} messages, {args.repeat} run(s) per figure; child output in {log}", flush=True)
    scale = args.messages / MESSAGES_AT_SCALE_1
    env = os.environ | {"PII_HASH_SALT": DEMO_SALT, "GX_ANALYTICS_ENABLED": "false", "PYTHONPATH": str(ROOT)}

    def timed(name: str, command: list[str], repeat: int = args.repeat, **kwargs: object) -> Figure:
        figure = measure(name, command, env, ROOT, log, repeat, **kwargs)  # type: ignore[arg-type]
        print(f"  {name}: median {figure.median:.1f}s", flush=True)
        return figure

    demo = data / "demo"
    size = ["--scale", f"{scale}", "--contacts", f"{args.messages // MESSAGES_PER_CONTACT}"]
    generate = [python, "-m", "demo", "generate", "--out", str(demo), *size]
    figures = [timed("generate", generate, 1)]
    warehouse = data / "pipeline" / "warehouse.duckdb"
    env |= {
        "WAREHOUSE_PATH": str(warehouse),
        "DAGSTER_HOME": str(data / "dagster_home"),
        "BACKUP_DIR": str(data / "backups"),
        "PUBLISH_DIR": str(data / "published"),
    }
    (data / "dagster_home").mkdir()
    # As `make manifest` does before a run: parse with this environment. dbt hashes the profile, warehouse path
    # included, and each of the pipeline's dbt builds would otherwise parse the whole project again.
    subprocess.run(dbt_command("parse"), env=env, cwd=ROOT, check=True)
    shutil.copy(ROOT / "deploy" / "dagster.yaml", data / "dagster_home" / "dagster.yaml")
    days = received_days(demo / "landing")
    middle_day = days[len(days) // 2]
    run = [python, "-m", "orchestration.run", "--log-file", str(log)]
    with serving(demo, amocrm_requests_per_second=UNLIMITED) as sources:
        env |= sources | UNLIMITED_RATES
        figures.append(connectors_figure(data, warehouse, timed))
        figures.append(timed("dagster_startup", [python, "-c", "import orchestration.definitions"]))
        figures.append(timed("pipeline_full", [*run, "--start", days[0], "--end", days[-1]]))
        figures.append(timed("dbt_build", dbt_command(*BUILD_COMMAND, "--target-path", str(data / "dbt_target"))))
        figures.append(timed("checks", [python, "-m", "bench.run_jobs", "--audits"]))
        figures.append(timed("publish", [python, "-m", "bench.run_jobs", "publish"]))
        figures.append(timed("daily_partition", [*run, "--start", middle_day, "--end", middle_day]))
    # The rest reads no source: the servers' records (over 10 GiB at 10 M messages) are freed first.
    hand_written = floor_figure(data, warehouse, timed, figures)
    compiled = floor_compiled_figure(data, warehouse, env, timed, figures)
    figures.append(webhooks_figure(data, timed))
    by_name = {figure.name: figure.median for figure in figures}
    ratios = {
        f"pipeline_full / floor ({_equal(hand_written)} hand-written)": _ratio(by_name, "pipeline_full", "floor"),
        "pipeline_full / floor_compiled: framework": _ratio(by_name, "pipeline_full", "floor_compiled"),
        "dbt_build / floor_compiled": _ratio(by_name, "dbt_build", "floor_compiled"),
        "floor_compiled / floor: the SQL's own waste": _ratio(by_name, "floor_compiled", "floor"),
        "daily_partition - dagster_startup (s)": _difference(by_name, "daily_partition", "dagster_startup"),
    }
    print(table(figures, ratios))
    result = ROOT / "bench" / "results" / f"bench-{args.messages}.json"
    write(result, args.messages, args.repeat, figures, ratios)
    print(f"written to {result.relative_to(ROOT)}")
    if (pair := counterpart(args.messages)) is not None:
        print(side_by_side(*(json.loads(path.read_text()) for path in pair)))
    # A mart not hand-written yet is no failure; a floor that builds a mart differently is.
    verified = all(v.status != "differs" for v in hand_written) and all(v.status == "equal" for v in compiled)
    return 0 if verified else 1


def dbt_command(*arguments: str, dbt: str | None = None) -> list[str]:
    """dbt (by default the one beside this interpreter) on the project, its artefacts outside the project's target/."""
    dbt = dbt or str(Path(sys.executable).with_name("dbt"))
    project = str(ROOT / "dbt_project")
    return [dbt, *arguments, "--quiet", "--profiles-dir", project, "--project-dir", project]


def floor_figure(data: Path, warehouse: Path, timed: TimedRun, figures: list[Figure]) -> list[Verdict]:
    """The hand-written floor, on a fresh copy of the pipeline's warehouse (its raw layer and seeds) each run."""
    floor = data / "floor" / "warehouse.duckdb"
    command = [sys.executable, "-m", "bench.floor", str(floor)]
    figures.append(timed("floor", command, prepare=lambda: _fresh_copy(warehouse, floor)))
    return _verified("floor", warehouse, floor, "floor")


def floor_compiled_figure(
    data: Path, warehouse: Path, env: dict[str, str], timed: TimedRun, figures: list[Figure]
) -> list[Verdict]:
    """Compile the models once, then time their SQL alone on a fresh copy of the pipeline's warehouse each run."""
    compiled = data / "floor_target"
    subprocess.run(dbt_command("compile", "--target-path", str(compiled)), env=env, cwd=ROOT, check=True)
    floor = data / "floor_compiled" / "warehouse.duckdb"
    command = [sys.executable, "-m", "bench.floor_compiled", str(floor), str(compiled / "manifest.json")]
    figures.append(timed("floor_compiled", command, prepare=lambda: _fresh_copy(warehouse, floor)))
    return _verified("floor_compiled", warehouse, floor, "marts")


def _verified(name: str, pipeline: Path, floor: Path, schema: str) -> list[Verdict]:
    """Compare a floor's marts with the pipeline's, then drop its copy of the warehouse: at 10 M messages each
    copy is several GiB, and the disk must hold the generated business and the pipeline's warehouse too."""
    verdicts = verify(name, pipeline, floor, schema)
    floor.unlink()
    return verdicts


def _fresh_copy(source: Path, copy: Path) -> None:
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(source, copy)


def connectors_figure(data: Path, warehouse: Path, timed: TimedRun) -> Figure:
    """Pull every CRM source's whole history into an empty warehouse: the pipeline's raw layer from then on.

    It runs once, whatever `--repeat` says. A source's history is pulled once in a deployment's life (later pulls
    are incremental), and at 1 M messages a pull is 1.4 M records in over 110,000 requests, most of them one
    conversation's messages each: two more would cost more than every other figure's repetitions together.
    """
    target = data / "connectors.duckdb"
    figure = timed("connectors", [sys.executable, "-m", "bench.ingest_rates", "connectors", str(target)], 1)
    figure.note = "the initial pull, once: it is the pipeline's raw layer"
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(target, warehouse)
    return figure


def webhooks_figure(data: Path, timed: TimedRun) -> Figure:
    """Land into an empty warehouse each run, so every run does the whole work."""
    target = data / "webhooks.duckdb"
    return timed(
        "webhooks",
        [sys.executable, "-m", "bench.ingest_rates", "webhooks", str(target)],
        prepare=lambda: target.unlink(missing_ok=True),
    )


def verify(name: str, pipeline: Path, floor: Path, schema: str) -> list[Verdict]:
    """Print, per mart, whether the floor's row count and numeric totals equal the pipeline's."""
    for mart, reason in UNCOMPARABLE.items():
        print(f"{name} check: {mart} not compared ({reason})")
    verdicts = compare(pipeline, floor, schema, frozenset(UNCOMPARABLE))
    rows = sum(int(verdict.pipeline[0]) for verdict in verdicts)
    print(f"{name} check: {_equal(verdicts)} in rows and totals ({rows:,} pipeline rows)")
    for verdict in verdicts:
        totals = f": pipeline {list(verdict.pipeline)} {name} {list(verdict.floor)}"
        print(f"  {verdict.mart}: {LABELS[verdict.status]}{totals if verdict.status == 'differs' else ''}")
    return verdicts


def _equal(verdicts: list[Verdict]) -> str:
    return f"{sum(verdict.status == 'equal' for verdict in verdicts)}/{len(verdicts)} marts equal"


def _ratio(medians: dict[str, float | None], name: str, over: str) -> float | None:
    value, base = medians.get(name), medians.get(over)
    return round(value / base, 2) if value and base else None


def _difference(medians: dict[str, float | None], name: str, minus: str) -> float | None:
    value, other = medians.get(name), medians.get(minus)
    return round(value - other, 1) if value is not None and other is not None else None


if __name__ == "__main__":
    sys.exit(main())
