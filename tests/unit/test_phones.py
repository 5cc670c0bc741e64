import pytest

from ingestion.phones import normalise_phone


@pytest.mark.parametrize(
    ("text", "hint", "e164", "region"),
    [
        ("971501234567", "", "+971501234567", "AE"),  # wa_id: digits with country code, no +
        ("+971 50 123 4567", "", "+971501234567", "AE"),
        ("00971501234567", "", "+971501234567", "AE"),
        ("050-123-4567", "AE", "+971501234567", "AE"),  # national form read in the contact's country
        ("(050) 1234567 ext 2", "AE", "+971501234567", "AE"),
        ("8 (912) 345-67-89", "RU", "+79123456789", "RU"),
        ("+7 912 345 67 89", "", "+79123456789", "RU"),
        ("+44 7400 123456", "GB", "+447400123456", "GB"),
    ],
)
def test_normalises_the_forms_people_write(text: str, hint: str, e164: str, region: str) -> None:
    phone = normalise_phone(text, hint)
    assert (phone.e164, phone.region, phone.is_valid) == (e164, region, True)


@pytest.mark.parametrize("text", ["n/a", "", "12345", "+971 50 12", "call me"])
def test_rejects_what_is_not_a_number(text: str) -> None:
    assert not normalise_phone(text, "AE").is_valid


def test_national_form_without_a_region_is_not_guessed() -> None:
    assert not normalise_phone("050-123-4567", "").is_valid
