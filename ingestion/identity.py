"""Pseudonymous contact keys for every phone and WhatsApp user id the raw layer holds.

The key is an HMAC-SHA256, keyed by a secret salt, of the number's matching form (its E.164 form,
but for Argentine mobiles without the 9 that CRMs drop), so marts can join and count people while nobody
holding a mart can recover the number, and a different salt per deployment makes keys unlinkable
across deployments. E-mail addresses, and a name together with an e-mail address (DESIGN §2's second
duplicate rule), are keyed the same way, prefixed by their kind so no two kinds can share a key.
"""

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime

from ingestion.person_names import normalise_email, normalise_name, split_name_email
from ingestion.phones import matching_form, normalise_phone
from ingestion.raw_store import RawStore
from ingestion.raw_tables import CONTACT_IDENTIFIERS

PHONE = "phone"
WHATSAPP_USER_ID = "whatsapp_user_id"
EMAIL = "email"
NAME_EMAIL = "name_email"


class MissingSaltError(ValueError):
    """Raised rather than hashing with a default salt, which would make the keys guessable."""


def contact_key(value: str, salt: str) -> str:
    """Hex HMAC-SHA256 of `value` keyed by `salt`."""
    if not salt:
        raise MissingSaltError("PII_HASH_SALT is empty: set it to a long random secret before building")
    return hmac.new(salt.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()


def identifier_row(
    identifier: str, kind: str, region_hint: str, salt: str, normalised_at: datetime
) -> tuple[object, ...]:
    """One `raw.contact_identifiers` row: normalised, keyed, in column order."""
    if kind == WHATSAPP_USER_ID:
        valid = bool(identifier.strip())
        key = contact_key(f"{WHATSAPP_USER_ID}:{identifier.strip()}", salt) if valid else None
        region = identifier.split(".", 1)[0] if valid and "." in identifier else None
        return (identifier, kind, region_hint, None, region, valid, key, normalised_at)
    if kind in (EMAIL, NAME_EMAIL):
        matching = normalise_email(identifier) if kind == EMAIL else _name_email_matching_form(identifier)
        key = contact_key(f"{kind}:{matching}", salt) if matching else None
        return (identifier, kind, region_hint, None, None, key is not None, key, normalised_at)
    phone = normalise_phone(identifier, region_hint)
    key = contact_key(matching_form(phone.e164), salt) if phone.e164 else None
    return (identifier, kind, region_hint, phone.e164, phone.region, phone.is_valid, key, normalised_at)


def _name_email_matching_form(identifier: str) -> str:
    """`<name>|<email>`, both normalised; '' unless both are there (a name alone or an address alone is no match)."""
    name, email = split_name_email(identifier)
    name, email = normalise_name(name), normalise_email(email)
    return f"{name}|{email}" if name and email else ""


def key_new_identifiers(store: RawStore, salt: str, normalised_at: datetime) -> int:
    """Normalise and key every identifier in the raw layer that has no row yet; return how many."""
    contact_key("salt check", salt)
    pending: Iterable[tuple[str, str, str]] = store.unkeyed_identifiers()
    rows = [identifier_row(value, kind, hint, salt, normalised_at) for value, kind, hint in pending]
    store.append(CONTACT_IDENTIFIERS, rows)
    return len(rows)
