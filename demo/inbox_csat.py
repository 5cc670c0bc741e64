"""CSAT in the inbox: the survey Chatwoot sends when a conversation is resolved, and the answers.

About one customer in three answers, rating 1-5 with a mean near 4.1. In one planted ISO week
customers are unhappy: more of them answer, with a fixed low rating sequence whose every prefix
averages under 3.5, so the week's mean is known at any scale.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from random import Random
from typing import Any

from demo import inbox_records as shapes

_RATINGS = (4, 5, 10, 38, 43)  # shares of 1..5 stars: mean 4.11
_LOW_WEEK_RATINGS = (1, 2, 3, 2, 4, 1, 3, 5, 2)


def iso_week(epoch: int) -> str:
    return "{}-W{:02d}".format(*datetime.fromtimestamp(epoch, UTC).isocalendar()[:2])


class CsatSurveys:
    """Mints survey messages and keeps the responses, to be written and summed up at the end."""

    def __init__(self, rng: Random, window: tuple[int, int]) -> None:
        self.rng, self.window_end = rng, window[1]
        self.low_week = iso_week(window[0] + int(timedelta(days=196).total_seconds()))
        self.responses: list[dict[str, Any]] = []
        self.low_week_ratings: list[int] = []

    def survey(
        self, message_id: int, conversation_id: int, at: int, contact: dict[str, Any], agent: dict[str, Any] | None
    ) -> dict[str, Any]:
        """The survey message (template, input_csat), answered by a `csat_survey_responses` record or not."""
        survey = shapes.message(message_id, conversation_id, 3, at, "Please rate the conversation", None)
        survey["content_type"] = "input_csat"
        answered_at = at + self.rng.randint(60, 7200)
        low = iso_week(answered_at) == self.low_week
        if answered_at >= self.window_end or self.rng.random() >= (0.6 if low else 0.3):
            return survey
        if low:
            rating = _LOW_WEEK_RATINGS[len(self.low_week_ratings) % len(_LOW_WEEK_RATINGS)]
            self.low_week_ratings.append(rating)
        else:
            rating = self.rng.choices(range(1, 6), _RATINGS)[0]
        response = {"id": len(self.responses) + 1, "rating": rating, "feedback_message": "", "account_id": 1}
        response |= {"message_id": message_id, "contact": contact, "conversation_id": conversation_id}
        if agent is not None:
            response["assigned_agent"] = agent
        self.responses.append(response | {"created_at": answered_at})
        survey["content_attributes"] = {"submitted_values": {"csat_survey_response": {"rating": rating}}}
        return survey

    def truths(self) -> dict[str, Any]:
        ratings, low = [r["rating"] for r in self.responses], self.low_week_ratings
        return {
            "csat_responses": len(ratings),
            "csat_mean": round(sum(ratings) / len(ratings), 4) if ratings else None,
            "low_csat_week": {
                "iso_week": self.low_week,
                "responses": len(low),
                "mean": round(sum(low) / len(low), 4) if low else None,
            },
        }
