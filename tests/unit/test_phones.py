import pytest

from ingestion.phones import matching_form, normalise_phone


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


@pytest.mark.parametrize(
    ("whatsapp", "crm", "hint"),
    [
        ("5215548332652", "00525548332652", "MX"),  # Mexico: old accounts keep the 1 after +52
        ("5215548332652", "55 4833 2652", "MX"),
        ("551187654321", "+55 11 98765-4321", "BR"),  # Brazil: old accounts lack the ninth digit
        ("552176682584", "+55 219 766 82584", "BR"),  # ... even where the old form still reads as valid
        ("5491123456789", "+54 11 2345-6789", "AR"),  # Argentina: CRMs drop the mobile 9
        ("5491123456789", "011 15-2345-6789", "AR"),  # ... or write the local 15 prefix
    ],
)
def test_two_forms_of_one_person_share_a_matching_form(whatsapp: str, crm: str, hint: str) -> None:
    from_whatsapp, from_crm = normalise_phone(whatsapp), normalise_phone(crm, hint)
    assert from_whatsapp.is_valid and from_crm.is_valid
    assert matching_form(from_whatsapp.e164) == matching_form(from_crm.e164)


def test_legacy_forms_are_normalised_to_todays_number() -> None:
    assert normalise_phone("5215548332652").e164 == "+525548332652"
    assert normalise_phone("551187654321").e164 == "+5511987654321"
    assert normalise_phone("+52 1333 189-07-26").e164 == "+523331890726"  # typed, as a CRM holds it
    assert normalise_phone("+55 218 639-84-05").e164 == "+5521986398405"
