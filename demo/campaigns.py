"""The business's template sends: broadcast campaigns on set days and transactional templates.

Every template send carries `biz_opaque_callback_data` = the campaign name on its statuses, the
Cloud API field that echoes what the sender set, which is how campaigns are told apart downstream.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from demo.config import GenerationConfig

_THEMES = {  # calendar month -> (theme, pricing category)
    1: ("winter_clearance", "marketing"),
    2: ("ramadan_offer", "marketing"),
    3: ("spring_collection", "marketing"),
    4: ("restock_alert", "utility"),
    5: ("summer_preview", "marketing"),
    6: ("summer_sale", "marketing"),
    7: ("loyalty_points", "utility"),
    8: ("back_to_school", "marketing"),
    9: ("webinar_invite", "marketing"),
    10: ("autumn_deals", "marketing"),
    11: ("white_friday", "marketing"),
    12: ("new_year_sale", "marketing"),
}
BUTTONS = {
    "marketing": (("SHOP_NOW", "Shop now"), ("STOP", "Stop promotions")),
    "utility": (("VIEW_DETAILS", "View details"), ("TALK_TO_AGENT", "Talk to an agent")),
    "authentication": (),
}


@dataclass(frozen=True)
class Campaign:
    name: str
    category: str  # pricing category: marketing, utility or authentication
    send_at: datetime | None  # broadcast start; None for transactional templates sent one by one
    audience_share: float
    click_rate: float  # share of delivered sends answered with a button click


def broadcast_campaigns(rng: random.Random, config: GenerationConfig) -> list[Campaign]:
    """Two broadcasts a month, plus the flash sale that lands on the planted low-delivery day."""
    campaigns: list[Campaign] = []
    day = config.window_start
    while day < config.window_end:
        theme, category = _THEMES[day.month]
        for half, offset in enumerate((rng.randint(2, 12), rng.randint(15, 26))):
            send_at = day.replace(day=1) + timedelta(days=offset, hours=rng.choice((6, 8, 10, 14)))
            if config.window_start <= send_at < config.window_end:
                name = f"{theme}_{send_at:%Y_%m}" + ("_reminder" if half else "")
                campaigns.append(Campaign(name, category, send_at, rng.uniform(0.15, 0.4), rng.uniform(0.04, 0.15)))
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    planted: date = config.low_delivery_date
    flash_at = datetime(planted.year, planted.month, planted.day, 9, tzinfo=config.window_start.tzinfo)
    campaigns.append(Campaign(f"flash_sale_{planted:%Y_%m_%d}", "marketing", flash_at, 0.6, 0.1))
    return sorted(campaigns, key=lambda c: (c.send_at, c.name))


TRANSACTIONAL = (
    Campaign("order_update", "utility", None, 0.0, 0.05),
    Campaign("login_code", "authentication", None, 0.0, 0.0),
)
