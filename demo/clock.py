"""When people write and how long the team takes to answer, in each person's local day."""

from __future__ import annotations

import math
import random

from demo.geography import Country

DAY = 86_400
_HOURS = tuple(range(24))
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 12, 12, 11, 11, 11, 11, 11, 10, 10, 9, 8, 6, 4, 2)
_OPEN_HOUR, _CLOSE_HOUR = 9, 21  # the team's hours, in the customer's local time


def local_hour(at: int, country: Country) -> float:
    return ((at + country.utc_offset_hours * 3600) % DAY) / 3600


def moment_in_day(rng: random.Random, day_start: int, country: Country) -> int:
    """A time on the UTC day starting at `day_start`, shaped by the local waking hours."""
    hour = rng.choices(_HOURS, _HOUR_WEIGHTS)[0]
    local = hour * 3600 + rng.randrange(3600)
    return day_start + int((local - country.utc_offset_hours * 3600) % DAY)


def random_moment(rng: random.Random, start: int, end: int, country: Country) -> int:
    """A waking-hours moment between `start` and `end` (epoch seconds)."""
    first_day, last_day = start // DAY, (end - 1) // DAY
    at = moment_in_day(rng, rng.randint(first_day, last_day) * DAY, country)
    return min(max(at, start), end - 1)


def response_delay(rng: random.Random, at: int, country: Country) -> int:
    """Seconds until an agent answers: minutes in opening hours, the next morning otherwise."""
    minutes = rng.lognormvariate(math.log(6), 0.9)
    hour = local_hour(at, country)
    if _OPEN_HOUR <= hour < _CLOSE_HOUR:
        return int(minutes * 60) + 20
    wait_hours = (_OPEN_HOUR - hour) % 24
    return int(wait_hours * 3600 + minutes * 60) + 20
