"""A HubSpot deal's stage history: the walk behind the `dealstage` versions of `propertiesWithHistory`.

A deal starts in its pipeline's first stage and moves forward through some of the open stages (reps
skip stages now and then) to where it is now: its open stage, or won or lost at its close date. The
walk is drawn from the deal's own id, so it leaves every other random draw of the demo as it was.
"""

from __future__ import annotations

import random

from demo.deals import STAGES, Deal

_USERS = (71_203_341, 71_203_342, 71_203_343)


def stage_path(rng: random.Random, deal: Deal) -> list[str]:
    """The stages the deal entered, oldest first, ending in its current stage."""
    opens = list(STAGES[deal.pipeline][:-2])
    if deal.stage in opens:
        reached = opens[: opens.index(deal.stage) + 1]
        return [reached[0], *(s for s in reached[1:-1] if rng.random() > 0.15), *reached[1:][-1:]]
    passed = opens[: rng.randint(1, len(opens))]
    return [passed[0], *(s for s in passed[1:] if rng.random() > 0.15), deal.stage]


def stage_changes(deal: Deal, until_ms: int) -> list[tuple[str, int, int]]:
    """(stage, epoch ms, user) of each stage the deal entered, oldest first; a closed deal closes at its close date."""
    rng = random.Random(f"stages:{deal.id}")
    path = stage_path(rng, deal)
    last_ms = deal.close_ms if deal.is_closed else until_ms
    moves = sorted(rng.randint(deal.created_ms + 1, max(deal.created_ms + 1, last_ms)) for _ in path[1:])
    if deal.is_closed and moves:
        moves[-1] = deal.close_ms
    return [(stage, at, rng.choice(_USERS)) for stage, at in zip(path, [deal.created_ms, *moves], strict=True)]
