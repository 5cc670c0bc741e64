"""A per-source request rate limit, so a connector stays inside the provider's published quota."""

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Spaces requests at least `1 / requests_per_second` apart.

    Providers publish their limits as requests per second or per ten seconds (HubSpot about 100 per
    10 s, amoCRM 7 per second); evenly spaced requests stay under both without tracking windows.
    """

    def __init__(
        self,
        requests_per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if requests_per_second <= 0:
            raise ValueError("requests_per_second must be positive")
        self._interval = 1.0 / requests_per_second
        self._clock = clock
        self._sleep = sleep
        self._next_allowed = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until the next request may go out."""
        with self._lock:
            now = self._clock()
            if now < self._next_allowed:
                self._sleep(self._next_allowed - now)
                now = self._next_allowed
            self._next_allowed = now + self._interval
