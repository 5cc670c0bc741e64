"""Phone numbers to E.164, as people and CRMs really write them.

WhatsApp's `wa_id` is E.164 without the `+`; CRM fields are free text: spaces, dashes, a leading
`00`, a national form that needs the contact's country, an extension, or no number at all.
"""

from dataclasses import dataclass

import phonenumbers


@dataclass(frozen=True)
class NormalisedPhone:
    e164: str | None
    region: str | None

    @property
    def is_valid(self) -> bool:
        return self.e164 is not None


INVALID = NormalisedPhone(None, None)


def normalise_phone(text: str, region_hint: str = "") -> NormalisedPhone:
    """The E.164 form and region of `text`, trying the readings a person would, first valid wins.

    In order: as written (national numbers read in `region_hint`), then `00…` as an international
    prefix, then bare digits as a number that already carries its country code (`wa_id`).
    """
    stripped = text.strip()
    digits = "".join(ch for ch in stripped if ch.isascii() and ch.isdigit())
    if len(digits) < 6:
        return INVALID
    candidates = [stripped]
    if digits.startswith("00"):
        candidates.append("+" + digits[2:])
    if not stripped.startswith("+"):
        candidates.append("+" + digits)
    for candidate in candidates:
        parsed = _parse(candidate, region_hint)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return NormalisedPhone(
                phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
                phonenumbers.region_code_for_number(parsed),
            )
    return INVALID


def _parse(candidate: str, region_hint: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(candidate, region_hint.upper() or None)
    except phonenumbers.NumberParseException:
        return None
