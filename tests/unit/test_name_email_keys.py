from datetime import datetime

from ingestion.identity import contact_key, identifier_row
from ingestion.person_names import normalise_email, normalise_name, split_name_email

NOW = datetime(2026, 1, 1)


def test_email_is_trimmed_and_lower_cased_and_keyed_by_its_kind() -> None:
    row = identifier_row(" Anna.Popova@Mail.RU ", "email", "", "s", NOW)
    assert normalise_email(" Anna.Popova@Mail.RU ") == "anna.popova@mail.ru"
    assert row[3:7] == (None, None, True, contact_key("email:anna.popova@mail.ru", "s"))


def test_not_an_address_has_no_key() -> None:
    assert identifier_row("n/a", "email", "", "s", NOW)[5:7] == (False, None)


def test_names_fold_case_width_whitespace_and_script_variants() -> None:
    assert normalise_name("  ＪＡＭＥＳ\u00a0  Smith ") == "james smith"  # noqa: RUF001
    assert normalise_name("Артём Фёдоров") == normalise_name("АРТЕМ федоров")  # noqa: RUF001
    assert normalise_name("أحمد  المنصوريّ") == normalise_name("احمد المنصوري")
    assert normalise_name("فاطمة") == normalise_name("فاطمه")


def test_name_and_email_written_two_ways_get_one_key() -> None:
    hubspot = identifier_row("Anna Popova <anna.popova@mail.ru>", "name_email", "", "s", NOW)
    sheet = identifier_row("ANNA  popova <Anna.Popova@mail.ru >", "name_email", "", "s", NOW)
    assert hubspot[6] == sheet[6] == contact_key("name_email:anna popova|anna.popova@mail.ru", "s")


def test_a_name_email_key_never_equals_the_email_key() -> None:
    email = identifier_row("a@b.co", "email", "", "s", NOW)[6]
    assert identifier_row("A <a@b.co>", "name_email", "", "s", NOW)[6] not in (None, email)


def test_name_or_email_alone_is_no_name_email_key() -> None:
    assert identifier_row(" <a@b.co>", "name_email", "", "s", NOW)[5:7] == (False, None)
    assert identifier_row("Anna Popova <>", "name_email", "", "s", NOW)[5:7] == (False, None)
    assert split_name_email("Anna Popova") == ("", "")
