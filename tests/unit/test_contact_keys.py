import hashlib
import hmac
from datetime import datetime

import pytest

from ingestion.identity import MissingSaltError, contact_key, identifier_row

NOW = datetime(2026, 1, 1)


def test_contact_key_is_hmac_sha256_of_the_e164_number() -> None:
    expected = hmac.new(b"s3cret", b"+971501234567", hashlib.sha256).hexdigest()
    assert contact_key("+971501234567", "s3cret") == expected
    assert contact_key("+971501234567", "other") != expected


def test_no_salt_is_refused_rather_than_defaulted() -> None:
    with pytest.raises(MissingSaltError, match="PII_HASH_SALT"):
        contact_key("+971501234567", "")


def test_the_same_person_written_two_ways_gets_one_key() -> None:
    from_whatsapp = identifier_row("971501234567", "phone", "", "s", NOW)
    from_crm = identifier_row("050 123 4567", "phone", "AE", "s", NOW)
    assert from_whatsapp[6] == from_crm[6] is not None


def test_business_scoped_user_without_phone_is_kept_and_keyed() -> None:
    row = identifier_row("US.13491208655302741918", "whatsapp_user_id", "", "s", NOW)
    assert row[3] is None  # no E.164
    assert row[4] == "US"
    assert row[5] is True
    assert row[6] == contact_key("whatsapp_user_id:US.13491208655302741918", "s")


def test_invalid_phone_has_no_key() -> None:
    row = identifier_row("n/a", "phone", "AE", "s", NOW)
    assert row[5] is False and row[6] is None
