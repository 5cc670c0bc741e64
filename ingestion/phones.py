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
    candidates += [repaired for candidate in candidates if (repaired := _legacy_mobile_form(candidate))]
    for candidate in candidates:
        parsed = _parse(candidate, region_hint)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return NormalisedPhone(
                phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
                phonenumbers.region_code_for_number(parsed),
            )
    return INVALID


def _legacy_mobile_form(candidate: str) -> str | None:
    """Today's form of a mobile number written the way it was dialled before a numbering change.

    Mexico dropped the `1` after +52 in 2019, yet old WhatsApp accounts still report `521…`; Brazil
    added a ninth mobile digit in 2012-2016, yet old accounts report the eight-digit form.
    """
    if not candidate.startswith("+"):
        return None
    digits = "".join(ch for ch in candidate if ch.isascii() and ch.isdigit())  # typed with spaces or dashes
    if digits.startswith("521") and len(digits) == 13:
        return "+52" + digits[3:]
    if digits.startswith("55") and len(digits) == 12 and digits[4] in "6789":
        return "+55" + digits[2:4] + "9" + digits[4:]
    return None


def matching_form(e164: str) -> str:
    """The form two records of one person share, for keying; the E.164 number itself otherwise.

    Argentine mobiles are `+54 9 <area> <number>`, but people and CRMs write them without the 9,
    which reads as a valid landline: both forms match on the number without the 9. A Brazilian
    eight-digit mobile form can still read as valid (old trunked-radio ranges), so it matches on
    the nine-digit form.
    """
    if e164.startswith("+549") and len(e164) == 14:
        return "+54" + e164[4:]
    if e164.startswith("+55") and len(e164) == 13 and e164[5] in "6789":
        return e164[:5] + "9" + e164[5:]
    return e164


def _parse(candidate: str, region_hint: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(candidate, region_hint.upper() or None)
    except phonenumbers.NumberParseException:
        return None
