"""Field rules shared by the detail dialogs and the importers: ID-card checksum, dates in range, phone,
scores and amounts (credits, hours), and the trimming of typed text."""

from __future__ import annotations

import enum
import operator
import re
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any, overload

from desktop_hr import messages

messages.define(
    {
        "reason.id_length": (
            "应为18位（17位数字加校验位）",
            "must be 18 characters (17 digits and a check character)",
        ),
        "reason.id_checksum": ("校验位错误，应为 {expected}", "wrong check character, expected {expected}"),
        "reason.id_birth": ("其中的出生日期无效", "contains an impossible birth date"),
        "reason.id_birth_mismatch": (
            "其中的出生日期 {id_birth} 与出生日期 {birth} 不一致",
            "its birth date {id_birth} does not match the birth date {birth}",
        ),
        "reason.date_range": ("应在 {low} 到 {high} 之间", "must be between {low} and {high}"),
        "reason.before": ("不能早于{other}（{other_value}）", "cannot be before {other} ({other_value})"),
        "reason.phone": (
            "应为手机号或座机号（数字、-、+）",
            "must be a mobile or landline number (digits, -, +)",
        ),
        "reason.required": ("必填", "is required"),
        "reason.too_long": ("超过 {limit} 个字符", "is longer than {limit} characters"),
        "reason.score_range": ("应为 0 到 100 的整数", "must be a whole number from 0 to 100"),
        "reason.not_negative": ("不能为负数", "cannot be negative"),
        "reason.two_decimals": ("最多保留两位小数", "may have at most two decimal places"),
        "reason.amount_too_large": ("不能超过 {limit}", "cannot be more than {limit}"),
    }
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_ZEROS = ord("0") * sum(_ID_WEIGHTS)
_PHONE = re.compile(r"^\+?[0-9][0-9\- ]{4,24}$")
EARLIEST = date(1900, 1, 1)
AMOUNT_MAX = Decimal("9999.99")  # credits or hours of one course or record: far above any real one
CENT = Decimal("0.01")


def trim(text: str) -> str:
    """Spaces around typed or pasted text gone, full-width ones (from a Chinese input method) too."""
    return text.strip().strip("\u3000").strip()


def trimmed_text(data: Any) -> dict[str, str]:
    """{field: trimmed value} for every text field of the dataclass `data` (StrEnums are str too: left out)."""
    return {
        f.name: trim(value)
        for f in fields(data)
        if isinstance(value := getattr(data, f.name), str) and not isinstance(value, enum.Enum)
    }


def id_card_check_char(first17: str) -> str:
    if len(first17) != len(_ID_WEIGHTS):
        raise ValueError(f"expected {len(_ID_WEIGHTS)} digits, got {first17!r}")
    if first17.isascii() and first17.isdigit():
        # Every import row: the digits' codes, less ord("0") each, instead of an int() per digit.
        total = sum(map(operator.mul, first17.encode(), _ID_WEIGHTS)) - _ID_ZEROS
    else:
        total = sum(map(operator.mul, map(int, first17), _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def id_card_problem(value: str, birth: date | None = None, today: date | None = None) -> str | None:
    """None when the 18-digit resident ID number (GB 11643) is valid, else the reason, localised."""
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] in "Xx"):
        return messages.text("reason.id_length")
    expected = id_card_check_char(value[:17])
    if value[17].upper() != expected:
        return messages.text("reason.id_checksum", expected=expected)
    try:
        id_birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return messages.text("reason.id_birth")
    if not EARLIEST <= id_birth <= (today or date.today()):
        return messages.text("reason.id_birth")
    if birth is not None and birth != id_birth:
        return messages.text(
            "reason.id_birth_mismatch", id_birth=id_birth.isoformat(), birth=birth.isoformat()
        )
    return None


def date_problem(value: date, *, low: date = EARLIEST, high: date | None = None) -> str | None:
    top = high or date(date.today().year + 1, 12, 31)
    if not low <= value <= top:
        return messages.text("reason.date_range", low=low.isoformat(), high=top.isoformat())
    return None


def phone_problem(value: str) -> str | None:
    return None if _PHONE.match(value) else messages.text("reason.phone")


def score_problem(value: int) -> str | None:
    return None if 0 <= value <= 100 else messages.text("reason.score_range")


def amount_problem(value: Decimal) -> str | None:
    """Credits or hours: not negative, at most two decimal places, at most AMOUNT_MAX."""
    if value < 0:
        return messages.text("reason.not_negative")
    # Size first: quantizing 1E+26 to cents overflows the decimal context (a traceback, not a message).
    if value > AMOUNT_MAX:
        return messages.text("reason.amount_too_large", limit=AMOUNT_MAX)
    if value != value.quantize(CENT):
        return messages.text("reason.two_decimals")
    return None


@overload
def with_cents(value: Decimal) -> Decimal: ...
@overload
def with_cents(value: None) -> None: ...
@overload
def with_cents(value: Decimal | None) -> Decimal | None: ...


def with_cents(value: Decimal | None) -> Decimal | None:
    """A whole or one-place amount written with two places, as the database gives it back (90 → 90.00), so
    the audit trail compares like with like; an amount with more places is left for validation to refuse."""
    if value is None:
        return None
    value = Decimal(value)
    if not value.is_finite() or abs(value) > AMOUNT_MAX:
        return value  # refused by amount_problem; quantizing a huge one would overflow
    return value.quantize(CENT) if value == value.quantize(CENT) else value
