"""Daily partitions for message data: one partition per received day of webhook files."""

import dagster as dg

# The earliest day a backfill can reach. WhatsApp keeps no history (there is no API to fetch past
# messages), so nothing older than a deployment's receiver can exist; 2024 covers the Cloud API's
# per-message pricing era and older exports a business may land by hand.
PARTITIONS_START_DATE = "2024-01-01"

# end_offset=1 includes today, so the hourly pull can land the day still being received.
daily_partitions = dg.DailyPartitionsDefinition(start_date=PARTITIONS_START_DATE, end_offset=1)
