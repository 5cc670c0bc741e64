"""The marts find what the generator planted: the pipeline measures the business it was given."""

import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from quality.thresholds import load_thresholds
from tests.pipeline.conftest import iso_week_days


@pytest.fixture(scope="module")
def truths(dataset: Path) -> dict:
    return json.loads((dataset / "truths.json").read_text(encoding="utf-8"))


def one(marts: duckdb.DuckDBPyConnection, sql: str, *parameters: object) -> tuple:
    return marts.execute(sql, list(parameters)).fetchone()


def test_the_low_delivery_day_is_found(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    planted = truths["low_delivery_day"]
    sent, delivered, rate = one(
        marts,
        "select sent, delivered, delivery_rate from audit.audit_delivery_rate_daily where sent_date = ?",
        planted["date"],
    )
    assert (sent, delivered) == (planted["sent"], planted["delivered"])
    assert float(rate) == pytest.approx(planted["rate"])
    normal_days = one(
        marts,
        "select min(delivery_rate) from audit.audit_delivery_rate_daily where sent_date <> ? and sent >= 20",
        planted["date"],
    )[0]
    assert float(normal_days) > planted["rate"]


def test_every_campaign_is_counted_as_sent(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    found = {
        name: {"sent": sent, "delivered": delivered, "read": read, "clicked": clicked, "failed": failed}
        for name, sent, delivered, read, clicked, failed in marts.execute(
            "select campaign_name, sum(sent), sum(delivered), sum(read), sum(clicked), sum(failed) "
            "from marts.mart_engagement_campaign group by campaign_name"
        ).fetchall()
    }
    assert found == truths["campaigns"]


def test_the_planted_conversion_week_is_found(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    planted = truths["planted_conversion_week"]
    first, last = iso_week_days(planted["iso_week"])
    conversations, leads = one(
        marts,
        "select sum(conversations), sum(leads) from marts.mart_conversion_daily "
        "where conversation_date between ? and ?",
        first,
        last,
    )
    assert (conversations, leads) == (planted["conversations_started"], planted["leads_attributed"])


def test_conversions_match_in_every_week(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    found = {}
    for iso_week in truths["conversion_by_iso_week"]:
        first, last = iso_week_days(iso_week)
        row = one(
            marts,
            "select coalesce(sum(conversations), 0), coalesce(sum(leads), 0) from marts.mart_conversion_daily "
            "where conversation_date between ? and ?",
            first,
            last,
        )
        found[iso_week] = {"conversations_started": row[0], "leads_attributed": row[1]}
    assert found == truths["conversion_by_iso_week"]


def test_won_deals_and_revenue_match(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    won, revenue = one(
        marts,
        "select count(*), sum(amount) from intermediate.int_deals_enriched where is_won and source_system = 'hubspot'",
    )
    assert won == truths["counts"]["deals_won"]
    assert float(revenue) == pytest.approx(float(truths["counts"]["won_revenue"]))


def test_amocrm_leads_are_deals_of_the_funnel(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    counts = truths["amocrm"]["counts"]
    won, revenue, lost = one(
        marts,
        "select count(case when is_won then 1 end), sum(case when is_won then amount end), "
        "count(case when is_lost then 1 end) from intermediate.int_deals_enriched where source_system = 'amocrm'",
    )
    assert (won, lost) == (counts["leads_won"], counts["leads_lost"])
    assert float(revenue) == counts["won_price_sum"]
    in_won_stage, reached_won_stage = one(
        marts,
        "select sum(deals_in_stage), sum(deals_reached) from marts.mart_deal_funnel "
        "where source_system = 'amocrm' and stage = '142'",
    )
    assert in_won_stage == reached_won_stage == counts["leads_won"]


@pytest.mark.parametrize(
    ("source_system", "planted_path"),
    [("amocrm", ("amocrm", "median_days_in_status")), ("hubspot", ("hubspot_median_days_in_stage",))],
)
def test_median_days_in_stage_comes_from_the_stage_history(
    marts: duckdb.DuckDBPyConnection, truths: dict, source_system: str, planted_path: tuple[str, ...]
) -> None:
    planted = truths
    for key in planted_path:
        planted = planted[key]
    found = {
        f"{pipeline}:{stage}": float(days)
        for pipeline, stage, days in marts.execute(
            "select pipeline, stage, median_days_in_stage from marts.mart_deal_funnel "
            "where source_system = ? and median_days_in_stage is not null",
            [source_system],
        ).fetchall()
    }
    assert planted and found == pytest.approx(planted, abs=1e-5)


def test_hubspot_stages_come_from_the_pipelines_endpoint(marts: duckdb.DuckDBPyConnection) -> None:
    labels = dict(
        marts.execute(
            "select stage, stage_label from marts.mart_deal_funnel where source_system = 'hubspot' "
            "and pipeline = '75823511' order by stage_order"
        ).fetchall()
    )
    assert list(labels.values()) == ["New inquiry", "Sample sent", "Negotiation", "Won", "Lost"]
    won_in_stage, won_deals = one(
        marts,
        "select (select sum(deals_in_stage) from marts.mart_deal_funnel where source_system = 'hubspot' "
        "and stage_outcome = 'won'), (select count(*) from intermediate.int_deals_enriched "
        "where source_system = 'hubspot' and is_won)",
    )
    assert won_in_stage == won_deals > 0


def test_both_forms_of_a_two_form_phone_are_one_contact(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    pairs = truths["two_form_phones"]
    assert pairs, "the generator planted no two-form phones"
    for pair in pairs:
        keys = {
            row[0]
            for row in marts.execute(
                "select contact_key from raw.contact_identifiers where identifier in (?, ?, ?) and is_valid",
                [pair["wa_id"], pair["crm_phone"] or "", pair["crm_mobilephone"] or ""],
            ).fetchall()
        }
        assert len(keys) == 1 and None not in keys, pair


def test_the_over_concentrated_tag_is_flagged(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    flagged = [
        tag
        for (tag,) in marts.execute(
            "select tag from marts.mart_tag_distribution where tag_source = 'amocrm' and is_over_concentrated "
            "order by tag"
        ).fetchall()
    ]
    assert flagged == truths["amocrm"]["over_concentrated_tags"]
    (largest_tag,) = one(
        marts, "select largest_tag from audit.audit_tag_distribution_monthly where tag_source = 'amocrm'"
    )
    assert largest_tag in truths["amocrm"]["over_concentrated_tags"]


def test_the_low_csat_week_is_found(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    planted = truths["inbox"]["low_csat_week"]
    first, last = iso_week_days(planted["iso_week"])
    responses, rated = one(
        marts,
        "select sum(csat_responses), sum(csat_mean * csat_responses) from marts.mart_service_daily "
        "where report_date between ? and ?",
        first,
        last,
    )
    assert responses == planted["responses"]
    assert float(rated) / responses == pytest.approx(planted["mean"], abs=5e-5)
    assert float(rated) / responses < 3.5


def test_bots_and_agents_come_from_the_inbox(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    bot_messages, agents = one(
        marts,
        "select count(case when sender_type = 'bot' then 1 end), count(distinct agent_id) "
        "from intermediate.int_messages_resolved",
    )
    assert 0 < bot_messages <= truths["inbox"]["bot_replies"]
    assert agents == truths["inbox"]["agents"]


def test_the_reclassing_day_is_judged_as_planted(marts: duckdb.DuckDBPyConnection, truths: dict) -> None:
    planted = truths["amocrm"]["retag_day"]
    assert (planted["date"], planted["reclassed"]) == ("2026-05-19", 12)
    # Each edit is judged at its own moment: exactly the desk's right ones are confirmed.
    edits = one(
        marts,
        "select count(case when is_confirmed then 1 end), count(*) from intermediate.int_tags_verified "
        "where tag in ('A', 'B', 'C') and judged_at between ? and ?",
        datetime.fromisoformat(planted["from"]).replace(tzinfo=None),
        datetime.fromisoformat(planted["to"]).replace(tzinfo=None),
    )
    assert edits == (planted["right"], planted["reclassed"])
    standard = load_thresholds()["tag_accuracy"]
    weeks = dict(marts.execute("select week_start_date, tag_accuracy from audit.audit_tag_accuracy_weekly").fetchall())
    planted_week = weeks.pop(date(2026, 5, 18))
    assert standard.warn_bound <= planted_week < standard.threshold and abs(planted_week - 0.87) < 0.03
    assert len(weeks) > 20 and min(weeks.values()) >= standard.threshold
