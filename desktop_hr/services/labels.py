"""Display names of enum values and tables in both languages, and lenient parsing of what clerks type."""

from __future__ import annotations

import enum
import unicodedata
from typing import TypeVar

from desktop_hr import messages
from desktop_hr.models import DepartmentKind, EmployeeStatus, Gender, PersonnelCategory, Rank, TrainerLevel

E = TypeVar("E", bound=enum.Enum)

# Values in the Excel exchange formats are written in Chinese, whatever the window's language.
FORMAT_LANGUAGE = "zh_CN"

# member -> (zh_CN, en, extra spellings accepted on input). Keyed by (class, value) below because
# StrEnum members of different classes with the same value ("senior") are equal as dict keys,
# so the table is a list.
_LABELS: list[tuple[enum.Enum, str, str, tuple[str, ...]]] = [
    (Gender.MALE, "男", "Male", ("m", "男性")),
    (Gender.FEMALE, "女", "Female", ("f", "女性")),
    (Rank.STAFF, "员工", "Staff", ("普通员工", "基层", "职员", "一般员工")),
    (Rank.MIDDLE, "中层", "Middle manager", ("中层管理", "中层干部", "中层管理人员", "middle")),
    (Rank.SENIOR, "高层", "Senior", ("高管", "高级管理", "高层管理", "高层管理人员")),
    (PersonnelCategory.MANAGEMENT, "管理人员", "Management", ("管理", "management")),
    (
        PersonnelCategory.PROFESSIONAL,
        "专业技术人员",
        "Professional & technical",
        ("专业技术", "专技", "专技人员", "professional"),
    ),
    (
        PersonnelCategory.SKILLED,
        "工勤技能",
        "Skilled worker",
        ("工勤技能人员", "工勤", "工勤人员", "skilled"),
    ),
    (EmployeeStatus.PROBATION, "试用", "Probation", ("试用期", "试用中")),
    (EmployeeStatus.ACTIVE, "在职", "Active", ("正式", "在岗", "转正", "已转正")),
    (EmployeeStatus.LEFT, "离职", "Left", ("已离职", "离岗", "left")),
    (TrainerLevel.JUNIOR, "初级", "Junior", ("初级内训师",)),
    (TrainerLevel.INTERMEDIATE, "中级", "Intermediate", ("中级内训师",)),
    (TrainerLevel.SENIOR, "高级", "Senior", ("高级内训师",)),
    (DepartmentKind.COMPANY, "公司", "Company", ("总公司",)),
    (DepartmentKind.BRANCH, "分部", "Branch", ("分公司",)),
    (DepartmentKind.DEPARTMENT, "部门", "Department", ()),
]

_ENUMS: dict[tuple[type[enum.Enum], object], tuple[str, str, tuple[str, ...]]] = {
    (type(member), member.value): (zh, en, extra) for member, zh, en, extra in _LABELS
}


TABLES: dict[str, tuple[str, str]] = {
    "employee": ("员工", "employee"),
    "department": ("部门", "department"),
    "position": ("岗位", "position"),
    "competency": ("能力项", "competency"),
    "performance_review": ("绩效考核", "performance review"),
    "review_item": ("考核分项", "review item"),
    "career_goal": ("职业目标", "career goal"),
    "position_competency": ("岗位能力", "position competency"),
}


def fold(value: str) -> str:
    """Full-width to half-width, no white space at all, case folded: how headers and choices are compared."""
    return "".join(unicodedata.normalize("NFKC", value).split()).casefold()


def label(member: enum.Enum | None, language: str | None = None) -> str:
    """The member's name in `language` (default: the user's). Excel files always use zh_CN: their headers are Chinese."""
    if member is None:
        return ""
    zh, en, _ = _ENUMS[(type(member), member.value)]
    return en if (language or messages.language()) == "en" else zh


def table_label(table: str) -> str:
    zh, en = TABLES.get(table, (table, table))
    return en if messages.language() == "en" else zh


def choices(cls: type[E]) -> list[tuple[E, str]]:
    return [(member, label(member)) for member in cls]


def parse_enum(cls: type[E], value: str) -> E | None:
    """The member a clerk meant by `value` (Chinese, English, code or a known spelling), else None."""
    wanted = fold(value)
    for member in cls:
        zh, en, extra = _ENUMS[(cls, member.value)]
        spellings = {zh, en, str(member.value), *extra}
        if wanted in {fold(s) for s in spellings}:
            return member
    return None
