"""Per-person rates that make the generated volumes land near the targets for any scale and window.

The constants are measured averages of the simulation (messages per customer conversation, per
template send); the volume targets themselves come from `GenerationConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass

from demo.campaigns import Campaign
from demo.config import GenerationConfig
from demo.people import BSUID_SHARE, EXTRA_WHATSAPP_ONLY, NO_USABLE_PHONE_SHARE, WHATSAPP_SHARE_OF_CRM
from demo.timeline import Rates

MESSAGES_PER_CONVERSATION = 8.0
MESSAGES_PER_TEMPLATE_SEND = 1.1
MEAN_ACTIVE_SHARE = 0.74  # half the people join on day one, the rest at a uniform time
ORDER_UPDATES_PER_MONTH = 0.3
LOGIN_CODES_PER_MONTH = 0.1
WHATSAPP_DEAL_SHARE = 0.4
ENGAGED_CONVERSATIONS_PER_TEMPLATE = 0.08  # clicks and late replies that open a conversation


@dataclass(frozen=True)
class Calibration:
    rates: Rates
    lead_probability: float  # per conversation the customer wrote in
    other_deals_per_contact: float


def calibrate(config: GenerationConfig, campaigns: list[Campaign]) -> Calibration:
    whatsapp_users = config.crm_contacts * (WHATSAPP_SHARE_OF_CRM + EXTRA_WHATSAPP_ONLY) * (1 + BSUID_SHARE)
    budget = config.messages / (whatsapp_users * MEAN_ACTIVE_SHARE)
    templates = sum(c.audience_share for c in campaigns) + config.months * (
        ORDER_UPDATES_PER_MONTH + LOGIN_CODES_PER_MONTH
    )
    per_user = max(0.2, (budget - templates * MESSAGES_PER_TEMPLATE_SEND) / MESSAGES_PER_CONVERSATION)
    rates = Rates(per_user, ORDER_UPDATES_PER_MONTH * config.months, LOGIN_CODES_PER_MONTH * config.months)
    linkable = config.crm_contacts * WHATSAPP_SHARE_OF_CRM * (1 - NO_USABLE_PHONE_SHARE)
    engaged = (per_user + templates * ENGAGED_CONVERSATIONS_PER_TEMPLATE) * MEAN_ACTIVE_SHARE
    lead_probability = min(0.9, config.deals * WHATSAPP_DEAL_SHARE / (linkable * engaged))
    other = config.deals * (1 - WHATSAPP_DEAL_SHARE) / config.crm_contacts
    return Calibration(rates, lead_probability, other)
