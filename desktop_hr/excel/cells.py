"""Cleaning and typing one cell as a clerk meant it: trimmed text, codes that keep their zeros, dates in
any common spelling, numbers as Excel shows them, 是/否, choices."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop_hr import messages
from desktop_hr.excel.spec import Cell, CellType, ColumnSpec
from desktop_hr.services import validation  # noqa: F401 - registers "reason.required", "reason.too_long"
from desktop_hr.services.labels import fold

messages.define(
    {
        "excel.reason.not_date": (
            "不是有效日期（可写作 2021-03-05、2021/3/5、2021.3.5 或 2021年3月5日）",
            "is not a valid date (write 2021-03-05, 2021/3/5, 2021.3.5 or 2021年3月5日)",
        ),
        "excel.reason.not_datetime": (
            "不是有效的日期时间（如 2021-03-05 09:30）",
            "is not a valid date and time (such as 2021-03-05 09:30)",
        ),
        "excel.reason.not_int": ("不是整数", "is not a whole number"),
        "excel.reason.not_number": ("不是数字", "is not a number"),
        "excel.reason.not_bool": ("应填 是 或 否", "should be 是 (yes) or 否 (no)"),
        "excel.reason.not_choice": ("无法识别，可填：{choices}", "is not recognised; use one of: {choices}"),
        "excel.reason.code_precision": (
            "数字太长，Excel 只保留了前 15 位；请把这一列设为“文本”格式后重新输入",
            "the number is too long and Excel kept only 15 digits; format the column as Text and type it again",
        ),
    }
)

# Excel keeps 15 significant digits; a longer "number" (an ID number typed without a text format) is already damaged.
EXACT_DIGITS = 15

# Zero-width characters that ride along when text is copied.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_TRIM = re.compile(rf"^[\s{INVISIBLE}]+|[\s{INVISIBLE}]+$")
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|\s*T\s*|(?<=日))(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?)?"
)
_YES = frozenset({"是", "y", "yes", "1", "√", "✓", "✔", "true", "对"})
_NO = frozenset({"否", "n", "no", "0", "×", "✗", "✘", "false", "错"})


class BadCell(Exception):
    """A cell that cannot mean what its column needs; `reason` says why, in the user's language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def clean_text(value: str) -> str:
    """Trim white space of any width (U+3000 too) and the invisible characters copied from chat apps."""
    text = value.strip()  # every Unicode space, U+3000 included; the regex only when needed (it is slower)
    if text and (text[0] in INVISIBLE or text[-1] in INVISIBLE):
        text = _TRIM.sub("", text)
    return text


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def cleaned(value: Cell) -> Cell:
    """Strings trimmed, and None for anything blank."""
    if isinstance(value, str):
        return clean_text(value) or None
    return value


def display(value: Cell) -> str:
    """A cell as the user sees it, for error messages."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 10**EXACT_DIGITS else f"{value:.15g}"
    if isinstance(value, datetime):
        return value.isoformat(" ", "seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_date_text(text: str) -> tuple[date, time | None] | None:
    """`2021-03-05`, `2021/3/5`, `2021.3.5`, `2021年3月5日`, optionally followed by `HH:MM[:SS]`; None if not a date."""
    match = _DATE_TEXT.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        day_value = date(int(year), int(month), int(day))
        at = time(int(hour), int(minute), int(second or 0)) if hour is not None else None
    except ValueError:
        return None
    return day_value, at


def _to_text(value: Cell) -> str:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return display(value)


def _to_code(value: Cell) -> str:
    if isinstance(value, float):
        if not value.is_integer():
            return f"{value:.15g}"
        if abs(value) >= 10**EXACT_DIGITS:
            raise BadCell(messages.text("excel.reason.code_precision"))
        return str(int(value))
    if isinstance(value, str):
        # Full-width digits and letters typed with a Chinese input method mean the same code.
        return clean_text(unicodedata.normalize("NFKC", value))
    return _to_text(value)


def _to_date(value: Cell) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (parsed := parse_date_text(value)) is not None:
        return parsed[0]
    raise BadCell(messages.text("excel.reason.not_date"))


def _to_datetime(value: Cell) -> datetime:
    if isinstance(value, datetime):
        # Excel stores times as fractions of a day; 09:30 can come back as 09:29:59.999.
        rounded = value + timedelta(microseconds=500_000) if value.microsecond >= 500_000 else value
        return rounded.replace(microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str) and (parsed := parse_date_text(value)) is not None:
        return datetime.combine(parsed[0], parsed[1] or time())
    raise BadCell(messages.text("excel.reason.not_datetime"))


def _to_decimal(value: Cell) -> Decimal:
    if isinstance(value, bool):
        raise BadCell(messages.text("excel.reason.not_number"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float) and math.isfinite(value):
        # 15 significant digits, as Excel shows it: 0.1 + 0.2 is 0.3 to a clerk.
        return Decimal(f"{value:.15g}")
    if isinstance(value, str):
        try:
            number = Decimal(unicodedata.normalize("NFKC", value).strip().replace(",", ""))
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite():
            return number
    raise BadCell(messages.text("excel.reason.not_number"))


def _to_int(value: Cell) -> int:
    try:
        number = _to_decimal(value)
    except BadCell:
        raise BadCell(messages.text("excel.reason.not_int")) from None
    # Read the digits instead of rounding: to_integral_value() overflows the decimal context on a
    # cell such as 1.79e308, and a cell must never end an import with a traceback.
    _sign, digits, exponent = number.as_tuple()
    if isinstance(exponent, int) and exponent < 0 and any(digits[exponent:]):
        raise BadCell(messages.text("excel.reason.not_int"))
    return int(number)


def _to_bool(value: Cell) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(display(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadCell(messages.text("excel.reason.not_bool"))


_CONVERTERS: dict[CellType, Callable[[Cell], Any]] = {
    CellType.TEXT: _to_text,
    CellType.CODE: _to_code,
    CellType.DATE: _to_date,
    CellType.DATETIME: _to_datetime,
    CellType.INT: _to_int,
    CellType.DECIMAL: _to_decimal,
    CellType.BOOL: _to_bool,
}  # CellType.ENUM goes through the column's own parse function


def converter(column: ColumnSpec) -> Callable[[Cell], Any]:
    """convert() for one column, its type and limit looked up once (a reader calls it for every cell)."""
    typed = _CONVERTERS.get(column.type)
    if typed is None:
        parse = column.parse
        assert parse is not None
        choices = "/".join(column.choices)

        def choice(value: Cell) -> Any:
            result = parse(_to_text(value))
            if result is None:
                raise BadCell(messages.text("excel.reason.not_choice", choices=choices))
            return result

        typed = choice
    limit = column.max_length
    if limit is None:
        return typed
    checked = typed

    def limited(value: Cell) -> Any:
        result = checked(value)
        if isinstance(result, str) and len(result) > limit:
            raise BadCell(messages.text("reason.too_long", limit=limit))
        return result

    return limited


def convert(column: ColumnSpec, value: Cell) -> Any:
    """The cleaned, typed value of one non-blank cell; raises BadCell with the localised reason."""
    return converter(column)(value)
