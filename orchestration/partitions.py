"""Daily partitions for message data and every dbt model downstream of it, in `REPORTING_TIMEZONE`."""

import os
from zoneinfo import ZoneInfo

import dagster as dg

# The earliest day a backfill can reach. WhatsApp keeps no history (there is no API to fetch past
# messages), so nothing older than a deployment's receiver can exist; 2024 covers the Cloud API's
# per-message pricing era and older exports a business may land by hand.
PARTITIONS_START_DATE = "2024-01-01"


def reporting_timezone() -> str:
    """`REPORTING_TIMEZONE` (IANA name, UTC when unset); an unknown name fails the code location loudly."""
    name = os.environ.get("REPORTING_TIMEZONE") or "UTC"
    ZoneInfo(name)
    return name


# Read when the code location loads (Dagster fixes a partitions definition's time zone with its assets), so the
# code server must run with the deployment's environment, as for the schedules. A partition is a reporting-timezone
# day of the marts (dbt cuts dates in the same zone, `reporting_timestamp()`); for the landing asset the key names
# the receiver's folder, a UTC received day. end_offset=2 keeps today's partition and, where the zone is behind UTC,
# the UTC day the receiver is already filing into, so the hourly pull can land it.
daily_partitions = dg.DailyPartitionsDefinition(
    start_date=PARTITIONS_START_DATE, end_offset=2, timezone=reporting_timezone()
)
