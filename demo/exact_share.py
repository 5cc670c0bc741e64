"""Planting an exact share: say yes to a fraction of a stream of decisions, as exactly as whole counts allow."""

from __future__ import annotations

from fractions import Fraction


class ExactShare:
    """Yes to `rate` of the calls: after n calls the yeses are rate * n rounded to the nearest whole (halves up).

    A planted truth (a day's delivery rate, a re-class day's accuracy) is then exact whenever rate * n is whole,
    and off by less than one decision otherwise, whatever the order the decisions come in.
    """

    def __init__(self, rate: Fraction) -> None:
        self.rate = rate
        self.calls = 0
        self.yes = 0

    def take(self) -> bool:
        self.calls += 1
        if self.yes + Fraction(1, 2) <= self.rate * self.calls:
            self.yes += 1
            return True
        return False
