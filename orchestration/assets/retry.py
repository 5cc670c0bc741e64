"""How ingestion steps retry: a source or the warehouse down for minutes is waited out, not failed on."""

import os

import dagster as dg

# The HTTP client rides out 429 storms and short outages inside one try (DESIGN §2); this retries
# what is left (a source down for minutes, a landing file still being written) a few times, with
# exponential backoff and jitter so retries of several steps do not arrive together. The first
# delay (SOURCE_RETRY_DELAY_SECONDS, default 30) is read when the code location loads.
SOURCE_RETRY = dg.RetryPolicy(
    max_retries=3,
    delay=float(os.environ.get("SOURCE_RETRY_DELAY_SECONDS") or 30),
    backoff=dg.Backoff.EXPONENTIAL,
    jitter=dg.Jitter.PLUS_MINUS,
)
