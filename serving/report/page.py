"""The report page: the charts inline, the audit table coloured by verdict, one self-contained file.

Nothing is fetched when it opens: no script, no font, no image file. The Content-Security-Policy says
so to the browser too, so a future edit that adds a CDN link fails loudly instead of phoning home.
"""

from collections.abc import Callable
from datetime import datetime
from html import escape

import pandas as pd

from serving.report import charts, numbers

CSP = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #111; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } .muted { color: #555; }
svg.chart { width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: start; }
td.number { text-align: end; font-variant-numeric: tabular-nums; }
.verdict { font-weight: 600; border-radius: .25rem; padding: .1rem .4rem; }
.pass { background: #dcfce7; color: #166534; } .warn { background: #fef3c7; color: #92400e; }
.fail { background: #fee2e2; color: #991b1b; }
"""

SECTIONS: list[tuple[str, str, Callable[[pd.DataFrame], str | None]]] = [
    ("ROI by month", "roi", charts.roi_by_month),
    ("Conversion funnel", "funnel", charts.conversion_funnel),
    ("Retention by cohort", "retention", charts.retention_heat_map),
    ("Tag distribution", "tags", charts.tag_distribution),
    ("Engagement by campaign", "campaigns", charts.campaign_engagement),
    ("Service times", "service", charts.service_times),
]


def _cell(text: object, number: bool = False) -> str:
    return f'<td class="number">{escape(str(text))}</td>' if number else f'<td dir="auto">{escape(str(text))}</td>'


def _table(headers: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def audit_table(frame: pd.DataFrame) -> str:
    """Each check's latest verdicts, coloured pass / warn / fail."""
    if frame.empty:
        return '<p class="muted">No audit has been evaluated yet.</p>'
    rows = []
    for audit in frame.itertuples():
        verdict = escape(audit.verdict)
        sign = "≥" if audit.direction == "at_least" else "≤"
        rows.append(
            "<tr>"
            + _cell(audit.check_name.replace("_", " "))
            + _cell(audit.period)
            + _cell(numbers.audit_value(audit.value, audit.unit), number=True)
            + _cell(f"{sign} {numbers.audit_value(audit.threshold, audit.unit)}", number=True)
            + _cell(numbers.count(audit.sample_size), number=True)
            + f'<td><span class="verdict {verdict}">{verdict}</span></td></tr>'
        )
    return _table(["check", "period", "value", "standard", "sample", "verdict"], rows)


def tag_table(frame: pd.DataFrame) -> str:
    """The tags as text, so names in Arabic or Russian read in their own direction."""
    rows = [
        "<tr>"
        + _cell(tag.tag)
        + _cell(tag.tag_source)
        + _cell(tag.dimension)
        + _cell(numbers.count(tag.contacts_with_tag), number=True)
        + _cell(numbers.percent(tag.share_of_tagged_contacts), number=True)
        + "</tr>"
        for tag in frame.itertuples()
    ]
    return _table(["tag", "source", "dimension", "contacts", "share of source's tagged contacts"], rows)


def _section(title: str, svg: str | None, extra: str = "") -> str:
    body = svg if svg is not None else '<p class="muted">No data in this snapshot.</p>'
    return f"<section><h2>{escape(title)}</h2><figure>{body}</figure>{extra}</section>"


def render_page(data: dict[str, pd.DataFrame], version: str, published_at: datetime) -> str:
    """The whole report as one HTML document."""
    sections = [
        _section(title, draw(data[key]), tag_table(data[key]) if key == "tags" else "") for title, key, draw in SECTIONS
    ]
    return f"""<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WhatsApp channel report · {escape(version)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>WhatsApp channel report</h1>
<p class="muted">Snapshot {escape(version)}, published {published_at:%Y-%m-%d %H:%M} UTC.</p>
{"".join(sections)}
<section><h2>Audit status</h2>{audit_table(data["audits"])}</section>
</body>
</html>
"""
