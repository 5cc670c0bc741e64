"""What each chart shows, read from a published snapshot's views (schema `marts`).

These are presentation queries: sums and shares over mart rows, never business logic, which lives
in dbt. Shares are ratios of sums, never averages of daily ratios.
"""

import duckdb
import pandas as pd

ROI_BY_MONTH = """
select report_month, total_cost, value_generated, roi_percent
from marts.mart_roi_monthly order by report_month
"""

CONVERSION_FUNNEL = """
select sum(conversations) as conversations, sum(leads) as leads, sum(won_deals) as won_deals
from marts.mart_conversion_daily
"""

RETENTION = """
select cohort_month, months_since, cohort_size, retention_rate
from marts.mart_retention_cohorts order by cohort_month, months_since
"""

# The latest snapshot's tags, largest share first; each source's shares are of its own tagged contacts.
TAG_SHARES = """
select tag_source, dimension, tag, contacts_with_tag, share_of_tagged_contacts
from marts.mart_tag_distribution
where snapshot_date = (select max(snapshot_date) from marts.mart_tag_distribution)
order by share_of_tagged_contacts desc, tag_source, tag
"""

CAMPAIGN_ENGAGEMENT = """
select campaign_name, sum(sent) as sent,
       sum(delivered) / nullif(sum(sent), 0) as delivery_rate,
       sum(read) / nullif(sum(delivered), 0) as read_rate,
       sum(clicked) / nullif(sum(delivered), 0) as click_through_rate,
       sum(replied) / nullif(sum(delivered), 0) as response_rate
from marts.mart_engagement_campaign group by campaign_name order by sent desc
"""

# The marts hold medians per agent and day; a month's typical day is the median of those medians.
SERVICE_TIMES = """
select date_trunc('month', report_date) as report_month,
       median(first_response_minutes_median) as first_response_minutes,
       median(response_minutes_median) as response_minutes,
       median(resolution_minutes_median) as resolution_minutes
from marts.mart_service_daily group by 1 order by 1
"""

# Each check's evaluations in the latest run that judged it.
AUDIT_STATUS = """
with latest as (
    select *, max(evaluated_at) over (partition by check_name) as last_evaluated_at
    from marts.mart_quality_audit
)
select check_name, period, value, threshold, tolerance, direction, unit, sample_size, verdict, evaluated_at
from latest where evaluated_at = last_evaluated_at
order by check_name, period desc
"""

REPORT_QUERIES = {
    "roi": ROI_BY_MONTH,
    "funnel": CONVERSION_FUNNEL,
    "retention": RETENTION,
    "tags": TAG_SHARES,
    "campaigns": CAMPAIGN_ENGAGEMENT,
    "service": SERVICE_TIMES,
    "audits": AUDIT_STATUS,
}


def read_report_data(snapshot: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Every frame the report draws, by name."""
    return {name: snapshot.execute(sql).df() for name, sql in REPORT_QUERIES.items()}
