"""The portal's deal pipelines, as `GET /crm/v3/pipelines/deals` returns them.

The default pipeline keeps HubSpot's default stage ids; the custom one has numeric stage ids, as
every pipeline created in a portal does, so the pipeline must map stages through this endpoint.
"""

from __future__ import annotations

from typing import Any

from demo.deals import CUSTOM_PIPELINE, DEFAULT_PIPELINE, STAGES

_CREATED = "2023-02-14T08:30:00.000Z"
_LABELS = {
    DEFAULT_PIPELINE: (
        "Appointment Scheduled",
        "Qualified To Buy",
        "Presentation Scheduled",
        "Decision Maker Bought-In",
        "Contract Sent",
        "Closed Won",
        "Closed Lost",
    ),
    CUSTOM_PIPELINE: ("New inquiry", "Sample sent", "Negotiation", "Won", "Lost"),
}
_PROBABILITIES = {
    DEFAULT_PIPELINE: ("0.2", "0.4", "0.6", "0.8", "0.9", "1.0", "0.0"),
    CUSTOM_PIPELINE: ("0.1", "0.3", "0.6", "1.0", "0.0"),
}


def _stage(pipeline: str, order: int) -> dict[str, Any]:
    probability = _PROBABILITIES[pipeline][order]
    closed = order >= len(STAGES[pipeline]) - 2
    return {
        "label": _LABELS[pipeline][order],
        "displayOrder": order,
        "metadata": {"isClosed": "true" if closed else "false", "probability": probability},
        "id": STAGES[pipeline][order],
        "createdAt": _CREATED,
        "updatedAt": _CREATED,
        "archived": False,
    }


def pipelines_response() -> dict[str, Any]:
    results = []
    for order, (pipeline, label) in enumerate(
        ((DEFAULT_PIPELINE, "Sales Pipeline"), (CUSTOM_PIPELINE, "Distributors"))
    ):
        stages = [_stage(pipeline, i) for i in range(len(STAGES[pipeline]))]
        results.append(
            {
                "label": label,
                "displayOrder": order,
                "id": pipeline,
                "stages": stages,
                "createdAt": _CREATED,
                "updatedAt": _CREATED,
                "archived": False,
            }
        )
    return {"results": results}
