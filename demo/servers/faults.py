"""Deterministic fault injection: which numbered request fails, and how.

Requests are numbered from 1 in arrival order across the whole server, so a test that makes the same
calls sees the same faults every time. A fault is chosen before authentication, as a gateway would.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Faults:
    rate_limit_first: int = 0  # the first N requests answer 429
    rate_limit_every: int = 0  # every k-th request answers 429 (0: never)
    unavailable_first: int = 0  # the first N requests (after any rate limiting) answer 503
    unavailable_every: int = 0  # every k-th request opens a burst of `unavailable_burst` 503s
    unavailable_burst: int = 1
    drop_every: int = 0  # every k-th request: the connection is closed without an answer
    malformed_record_id: str | None = None  # this record is served without its "id"
    retry_after_seconds: int = 1

    def fault_for(self, number: int) -> str | None:
        """'drop', 'rate_limit', 'unavailable' or None for the `number`-th request."""
        if self.drop_every and number % self.drop_every == 0:
            return "drop"
        if number <= self.rate_limit_first or (self.rate_limit_every and number % self.rate_limit_every == 0):
            return "rate_limit"
        if number <= self.rate_limit_first + self.unavailable_first:
            return "unavailable"
        if self.unavailable_every and (number - 1) % self.unavailable_every < self.unavailable_burst:
            return "unavailable"
        return None
