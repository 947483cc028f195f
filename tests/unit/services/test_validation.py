"""ID-card checksum (GB 11643), date ranges, phone numbers."""

from __future__ import annotations

from datetime import date

from desktop_hr import messages
from desktop_hr.services.validation import date_problem, id_card_check_char, id_card_problem, phone_problem


def test_valid_id_numbers_pass_including_x_check_character() -> None:
    assert id_card_problem("11010519791202633X") is None
    assert id_card_problem("11010519791202633x") is None
    assert id_card_problem("510107197304019707") is None


def test_wrong_check_character_names_the_expected_one() -> None:
    problem = id_card_problem("510107197304019708")
    assert problem is not None and "校验位" in problem and "7" in problem


def test_wrong_length_and_impossible_birth_date() -> None:
    assert id_card_problem("5101071973040197") is not None
    first17 = "51010719730230123"  # 30 February
    assert id_card_problem(first17 + id_card_check_char(first17)) is not None


def test_birth_date_must_match_the_id() -> None:
    problem = id_card_problem("510107197304019707", date(1973, 4, 2))
    assert problem is not None and "1973-04-01" in problem


def test_messages_follow_the_language() -> None:
    messages.set_language("en")
    assert "check character" in (id_card_problem("510107197304019708") or "")


def test_dates_and_phones() -> None:
    assert date_problem(date(1899, 12, 31)) is not None
    assert date_problem(date(2000, 1, 1)) is None
    assert phone_problem("13830166131") is None
    assert phone_problem("021-6234 5678") is None
    assert phone_problem("call me") is not None


def test_a_huge_amount_is_a_message_not_a_traceback() -> None:
    from decimal import Decimal

    from desktop_hr.services.validation import AMOUNT_MAX, amount_problem

    assert amount_problem(Decimal("1E+26")) == amount_problem(AMOUNT_MAX + 1)
    assert amount_problem(Decimal("1E+26")) is not None
