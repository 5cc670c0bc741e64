"""amoCRM / Kommo v4 records as the API returns them: unix-second integers, tags and contacts embedded.

The account's pipelines use amoCRM's fixed system statuses 142 (won) and 143 (lost); every other
status id is per account. Phones live in the contact's PHONE custom field, one free-text value per
number (see `demo.amocrm_phones`).
"""

from __future__ import annotations

import random
from typing import Any

Record = dict[str, Any]
ACCOUNT_ID = 30_145_871
WON, LOST = 142, 143
SALES_PIPELINE, DISTRIBUTOR_PIPELINE = 7_012_345, 7_012_346
# (pipeline id, name, is_main, open statuses in order as (id, name)); won and lost close every pipeline.
PIPELINES = (
    (
        SALES_PIPELINE,
        "Продажи",
        True,
        (
            (61_230_001, "Неразобранное"),
            (61_230_002, "Первичный контакт"),
            (61_230_003, "Переговоры"),
            (61_230_004, "КП отправлено"),
            (61_230_005, "Принимают решение"),
        ),
    ),
    (
        DISTRIBUTOR_PIPELINE,
        "Distributors UAE",
        False,
        ((61_230_101, "New inquiry"), (61_230_102, "Sample sent"), (61_230_103, "Negotiation")),
    ),
)
QUOTE_STATUS, SAMPLE_STATUS = 61_230_004, 61_230_102
USERS = (8_123_451, 8_123_452, 8_123_453, 8_123_454)
PHONE_FIELD, EMAIL_FIELD, SOURCE_FIELD = 1_093_071, 1_093_073, 1_093_101
SOURCE_ENUMS = {"WhatsApp": 5_101, "Email": 5_102, "Сайт": 5_103, "SMS": 5_104, "Другое": 5_105}
_PHONE_ENUMS = (("WORK", 2_001), ("MOB", 2_003), ("WORKDD", 2_002), ("HOME", 2_005), ("OTHER", 2_006))


def pipelines_response() -> Record:
    """`GET /api/v4/leads/pipelines`: each pipeline with its statuses, system statuses last."""
    pipelines = []
    for sort, (pipeline_id, name, is_main, statuses) in enumerate(PIPELINES, start=1):
        closing = ((WON, "Успешно реализовано", 10_000), (LOST, "Закрыто и не реализовано", 11_000))
        rows = [(status_id, label, 10 * (i + 1)) for i, (status_id, label) in enumerate(statuses)] + list(closing)
        pipelines.append(
            {
                "id": pipeline_id,
                "name": name,
                "sort": sort,
                "is_main": is_main,
                "is_unsorted_on": is_main,
                "is_archive": False,
                "account_id": ACCOUNT_ID,
                "_embedded": {
                    "statuses": [
                        {
                            "id": status_id,
                            "name": label,
                            "sort": order,
                            "is_editable": status_id not in (WON, LOST),
                            "pipeline_id": pipeline_id,
                            "color": "#99ccff",
                            "type": 1 if label == "Неразобранное" else 0,
                            "account_id": ACCOUNT_ID,
                        }
                        for status_id, label, order in rows
                    ]
                },
            }
        )
    return {"_total_items": len(pipelines), "_embedded": {"pipelines": pipelines}}


def contact_record(
    rng: random.Random,
    contact_id: int,
    name: tuple[str, str],
    phones: list[str],
    email: str | None,
    times: tuple[int, int],
) -> Record:
    """A contact; `custom_fields_values` is null, as amoCRM sends it, when no field is filled."""
    created, updated = times
    fields = []
    if phones:
        values = [{"value": v, "enum_id": e, "enum_code": c} for v, (c, e) in zip(phones, _PHONE_ENUMS, strict=False)]
        fields.append({"field_id": PHONE_FIELD, "field_name": "Телефон", "field_code": "PHONE", "values": values})
    if email:
        value = [{"value": email, "enum_id": 2_011, "enum_code": "WORK"}]
        fields.append({"field_id": EMAIL_FIELD, "field_name": "Email", "field_code": "EMAIL", "values": value})
    user = rng.choice(USERS)
    return {
        "id": contact_id,
        "name": f"{name[0]} {name[1]}",
        "first_name": name[0],
        "last_name": name[1],
        "responsible_user_id": user,
        "group_id": 0,
        "created_by": user,
        "updated_by": user,
        "created_at": created,
        "updated_at": updated,
        "closest_task_at": None,
        "is_deleted": False,
        "is_unsorted": False,
        "custom_fields_values": fields or None,
        "account_id": ACCOUNT_ID,
        "_embedded": {"tags": [], "companies": []},
    }


def status_event(event_id: str, lead_id: int, at: int, pipeline: int, before: int, after: int) -> Record:
    """One `lead_status_changed` event, as `GET /api/v4/events` lists it."""
    return {
        "id": event_id,
        "type": "lead_status_changed",
        "entity_id": lead_id,
        "entity_type": "lead",
        "created_by": USERS[lead_id % len(USERS)],
        "created_at": at,
        "value_after": [{"lead_status": {"id": after, "pipeline_id": pipeline}}],
        "value_before": [{"lead_status": {"id": before, "pipeline_id": pipeline}}],
        "account_id": ACCOUNT_ID,
        "_embedded": {},
    }
