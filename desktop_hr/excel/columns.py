"""Columns several exchange formats share: the session a row is about (班次编号) and the person (工号)."""

from __future__ import annotations

from desktop_hr import messages
from desktop_hr.excel.employees import EMPLOYEE_SHEET
from desktop_hr.excel.spec import CellType, ColumnSpec

messages.define(
    {
        "excel.note.session_code": ("系统中已有的班次编号", "The code of a session already in the program"),
    }
)

SESSION_CODE_COLUMN = ColumnSpec(
    "session_code",
    "班次编号",
    ("班次代码", "Session Code"),
    CellType.CODE,
    True,
    note="excel.note.session_code",
)
EMPLOYEE_NO_COLUMN = EMPLOYEE_SHEET.column("employee_no")  # the roster's 工号, synonyms and all
