"""The report as a person opens it: headless Chromium, offline, every chart drawn, verdicts coloured."""

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from serving.publish import publish
from tests.serving.chromium import browser, chromium_path

ARABIC_TAG = "عميل جديد"  # "new customer"
AUDITS = [("delivery_rate", "fail", 0.91), ("tag_accuracy", "warn", 0.87), ("csat", "pass", 4.2)]

CHARTS_JS = """[...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  return {label: svg.getAttribute('aria-label'), width: box.width, height: box.height,
          shapes: svg.querySelectorAll('path, rect, use').length, texts: svg.querySelectorAll('text').length};
})"""
VERDICTS_JS = """Object.fromEntries([...document.querySelectorAll('span.verdict')].map(
  span => [span.textContent, getComputedStyle(span).backgroundColor]))"""
DIRECTION_JS = """[...document.querySelectorAll('td')].filter(td => td.textContent === '%s')
  .map(td => [getComputedStyle(td).direction, td.getBoundingClientRect().width])"""


def add_audits_and_an_arabic_tag(warehouse: Path) -> None:
    """What the audit history holds after audits have run, and a tag as Gulf teams write them."""
    with duckdb.connect(str(warehouse)) as connection:
        for check, verdict, value in AUDITS:
            connection.execute(
                "insert or replace into audit_history.evaluations by name select ? as check_name, ? as verdict, "
                "? as value, '2026-W44' as period, 'run' as run_id, 0.9 as threshold, 0.05 as tolerance, "
                "'at_least' as direction, case when ? = 'csat' then 'score' else 'rate' end as unit, "
                "100 as sample_size, timestamp '2026-11-02 10:00' as evaluated_at",
                [check, verdict, value, check],
            )
        connection.execute(
            "insert into marts.mart_tag_distribution by name select max(snapshot_date) as snapshot_date, "
            "'amocrm' as tag_source, 'attribute' as dimension, ? as tag, 3 as contacts_with_tag, "
            "0.07 as share_of_tagged_contacts from marts.mart_tag_distribution",
            [ARABIC_TAG],
        )


@pytest.fixture
def report(warehouse_copy: Path, publish_dir: Path) -> Path:
    add_audits_and_an_arabic_tag(warehouse_copy)
    return publish(str(warehouse_copy), publish_dir, 3, datetime(2026, 11, 2, 6, tzinfo=UTC), "browser").report


@pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (apt-get install -y chromium)")
def test_the_report_draws_every_chart_offline_without_errors(report: Path, tmp_path: Path) -> None:
    with browser(chromium_path(), tmp_path / "profile") as page:
        page.open_page(report.as_uri())
        charts = page.evaluate(CHARTS_JS)
        verdicts = page.evaluate(VERDICTS_JS)
        arabic = page.evaluate(DIRECTION_JS % ARABIC_TAG)
        russian = page.evaluate(DIRECTION_JS % "дилер")
        screenshot = page.screenshot(tmp_path / "report.png")
        visit = page.visit
    assert [chart["label"] for chart in charts] == [
        "ROI by month",
        "Conversion funnel",
        "Retention heat map",
        "Tag distribution",
        "Engagement by campaign",
        "Service times",
    ]
    for chart in charts:
        assert chart["width"] > 300 and chart["height"] > 100, chart
        assert chart["shapes"] > 10 and chart["texts"] > 3, chart
    assert verdicts == {"fail": "rgb(254, 226, 226)", "warn": "rgb(254, 243, 199)", "pass": "rgb(220, 252, 231)"}
    assert arabic and all(direction == "rtl" and width > 0 for direction, width in arabic)
    assert russian and all(direction == "ltr" for direction, _ in russian)
    assert visit.errors == []
    assert visit.requests == [report.as_uri()]  # the page itself, and nothing from the network
    with Image.open(screenshot) as image:
        assert image.height > 3000  # the whole page, not the first screen
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 50  # drawn charts, not a blank page
