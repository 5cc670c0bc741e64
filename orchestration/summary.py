"""The few numbers a person wants after a run, read from the marts, and where to look next."""

from collections.abc import Sequence
from dataclasses import dataclass, field

import dagster as dg
import duckdb


@dataclass
class RunSummary:
    succeeded: bool
    warehouse_path: str
    figures: dict[str, float | int | None] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    published: dict[str, str] = field(default_factory=dict)


# Totals over the marts; every figure is a ratio of sums, never an average of daily ratios.
FIGURES_SQL = """
with conversion as (
    select sum(conversations) as conversations, sum(leads) as leads, sum(won_deals) as won_deals,
           sum(won_revenue) as won_revenue
    from marts.mart_conversion_daily
),
delivery as (
    select sum(sent) as sent, sum(delivered) as delivered from audit.audit_delivery_rate_daily
)
select conversion.*, delivery.sent, delivery.delivered
from conversion cross join delivery
"""


def _text(evaluation: dg.AssetCheckEvaluation, key: str) -> str:
    value = evaluation.metadata.get(key)
    return str(value.value) if value is not None else "?"


def audit_line(evaluation: dg.AssetCheckEvaluation) -> str:
    """One audit as the summary prints it: name, verdict, value, standard, and the period judged."""
    verdict = _text(evaluation, "verdict")
    return (
        f"{evaluation.check_name:<27}{verdict.upper():<6}{_text(evaluation, 'value_text'):>10}   "
        f"{_text(evaluation, 'standard'):<36}{_text(evaluation, 'period')}"
    )


def describe_checks(results: Sequence[dg.ExecuteInProcessResult]) -> list[str]:
    """One line per audit (checks that carry a verdict), and one line counting the dbt tests."""
    lines: list[str] = []
    passed = warned = failed = 0
    for result in results:
        for evaluation in result.get_asset_check_evaluations():
            if "verdict" in evaluation.metadata:
                lines.append(audit_line(evaluation))
                continue
            passed += evaluation.passed
            warned += not evaluation.passed and evaluation.severity is dg.AssetCheckSeverity.WARN
            failed += not evaluation.passed and evaluation.severity is dg.AssetCheckSeverity.ERROR
    header = f"{'audit':<27}{'':<6}{'value':>10}   {'standard':<36}worst period judged"
    return [header, *sorted(lines), f"dbt data tests: {passed} passed, {warned} warned, {failed} failed"]


def published_paths(results: Sequence[dg.ExecuteInProcessResult]) -> dict[str, str]:
    """The report and the DuckDB file this run published; empty when a blocking audit stopped the publish."""
    # Imported here: the asset module loads the dbt manifest, which run.py keeps out of the terminal's import.
    from orchestration.assets.publish import PUBLISHED_MARTS

    for result in results:
        for event in result.get_asset_materialization_events():
            if event.asset_key == PUBLISHED_MARTS:
                metadata = event.materialization.metadata
                return {name: str(metadata[name].value) for name in ("report", "published_database")}
    return {}


def read_summary(warehouse_path: str, results: Sequence[dg.ExecuteInProcessResult]) -> RunSummary:
    summary = RunSummary(
        succeeded=all(result.success for result in results),
        warehouse_path=warehouse_path,
        checks=describe_checks(results),
        published=published_paths(results),
    )
    try:
        with duckdb.connect(warehouse_path, read_only=True) as connection:
            cursor = connection.execute(FIGURES_SQL)
            names = [column[0] for column in cursor.description]
            summary.figures = dict(zip(names, cursor.fetchone(), strict=True))
    except duckdb.Error as error:
        summary.figures = {"unavailable": str(error)}
    return summary


def _rate(numerator: object, denominator: object) -> str:
    if not numerator or not denominator:
        return "n/a"
    return f"{float(numerator) / float(denominator):.1%}"


def _figure_rows(f: dict[str, float | int | None]) -> list[tuple[str, str, str]]:
    conversations, leads, won = f["conversations"], f["leads"], f["won_deals"]
    return [
        ("WhatsApp conversations", f"{int(conversations or 0):,}", ""),
        (
            "leads (7-day last touch)",
            f"{int(leads or 0):,}",
            f"{_rate(leads, conversations)} of conversations",
        ),
        ("won deals", f"{int(won or 0):,}", f"{_rate(won, conversations)} of conversations"),
        ("won revenue", f"{float(f['won_revenue'] or 0):,.2f}", ""),
        (
            "outbound messages sent",
            f"{int(f['sent'] or 0):,}",
            f"{_rate(f['delivered'], f['sent'])} delivered",
        ),
    ]


def format_summary(summary: RunSummary) -> str:
    lines = ["", f"Run {'succeeded' if summary.succeeded else 'FAILED'}."]
    if "unavailable" in summary.figures:
        lines.append(f"Marts unavailable: {summary.figures['unavailable']}")
    else:
        lines += [f"  {label:<26}{value:>14}   {note}".rstrip() for label, value, note in _figure_rows(summary.figures)]
    lines += ["Audits:", *(f"  {line}" for line in summary.checks)] if summary.checks else ["Audits: none ran"]
    lines += [
        "Where to look next:",
        f"  warehouse (DuckDB)   {summary.warehouse_path}",
        "  Dagster UI           make dev  ->  http://127.0.0.1:3000",
    ]
    if summary.published:
        lines += [
            f"  report (HTML)        {summary.published['report']}",
            f"  published (DuckDB)   {summary.published['published_database']}   (BI tools: read_only)",
        ]
    else:
        lines.append("  published            not this run (a blocking audit failed or the build stopped earlier)")
    return "\n".join(lines)
