"""Workbooks and ID numbers for tests, written the way a clerk's Excel file would be."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from desktop_hr.services.validation import id_card_check_char


def book(path: Path, rows: list[list[Any]], *, title: str = "Sheet1") -> Path:
    """An .xlsx with one sheet holding these rows from A1 down."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def id_number(birth: date, serial: str = "123") -> str:
    """A valid 18-digit resident ID number (Beijing area code) for this birth date."""
    first17 = f"110105{birth:%Y%m%d}{serial}"
    return first17 + id_card_check_char(first17)
