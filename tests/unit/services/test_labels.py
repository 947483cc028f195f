"""Enum labels in both languages and lenient parsing of what clerks type."""

from __future__ import annotations

from desktop_hr import messages
from desktop_hr.models import EmployeeStatus, Gender, PersonnelCategory, Rank, TrainerLevel
from desktop_hr.services.labels import fold, label, parse_enum


def test_same_valued_members_of_different_enums_keep_their_own_labels() -> None:
    # Rank.SENIOR and TrainerLevel.SENIOR are both the string "senior".
    assert label(Rank.SENIOR) == "高层"
    assert label(TrainerLevel.SENIOR) == "高级"
    assert parse_enum(Rank, "高层") is Rank.SENIOR
    assert parse_enum(Rank, "高级") is None


def test_parsing_accepts_chinese_english_codes_and_spellings() -> None:
    assert parse_enum(EmployeeStatus, "试用期") is EmployeeStatus.PROBATION
    assert parse_enum(EmployeeStatus, " Left ") is EmployeeStatus.LEFT
    assert parse_enum(Gender, "Ｍ") is Gender.MALE  # full-width letter
    assert parse_enum(PersonnelCategory, "专业技术人员") is PersonnelCategory.PROFESSIONAL
    assert parse_enum(Rank, "员工") is Rank.STAFF
    assert parse_enum(EmployeeStatus, "实习") is None


def test_labels_follow_the_language() -> None:
    messages.set_language("en")
    assert label(EmployeeStatus.ACTIVE) == "Active"
    assert label(None) == ""


def test_fold_removes_all_space_and_width() -> None:
    assert fold("姓 名") == fold("姓名")
    assert fold("Ｅｍｐｌｏｙｅｅ　No") == "employeeno"


def test_a_language_can_be_asked_for_without_switching_the_users() -> None:
    messages.set_language("en")
    assert label(EmployeeStatus.ACTIVE, "zh_CN") == "在职"
    assert label(Rank.SENIOR, "zh_CN") == "高层"
    assert messages.language() == "en"
