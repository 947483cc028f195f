"""The sessions exchange format (培训班次): its columns and the export, re-importable as is."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.excel import writer
from desktop_hr.excel.spec import CellType, ColumnSpec, Progress, SheetSpec
from desktop_hr.excel.writer import CellValue
from desktop_hr.models import AssignmentType
from desktop_hr.services.labels import FORMAT_LANGUAGE, fold, label, parse_enum
from desktop_hr.services.training.sessions import (
    CODE_MAX,
    EXTERNAL_MAX,
    NO_ASSIGNMENT,
    PLACE_MAX,
    SessionQuery,
    SessionRow,
    session_rows,
)

messages.define(
    {
        "excel.note.session_trainer": (
            "内部讲师的工号；与“外部讲师”只填一个",
            "Employee no. of an internal trainer; fill in this or 外部讲师, not both",
        ),
        "excel.note.session_capacity": ("空白表示不限人数", "Blank means no limit"),
        "excel.note.session_assignment": (
            "心得/行动计划/作业/无；空白表示无",
            "心得/行动计划/作业/无 (none); blank means none",
        ),
        "excel.note.session_due": ("只有布置了作业才填写", "Only when there is an assignment"),
    }
)

NO_ASSIGNMENT_TEXT = "无"
_NO_ASSIGNMENT_SPELLINGS = frozenset(
    fold(s) for s in (NO_ASSIGNMENT_TEXT, "none", "没有", "不布置", "-", "—")
)


def parse_assignment(text: str) -> object | None:
    """心得/行动计划/作业 as the type, 无 as NO_ASSIGNMENT; None when not recognised."""
    if fold(text) in _NO_ASSIGNMENT_SPELLINGS:
        return NO_ASSIGNMENT
    return parse_enum(AssignmentType, text)


SESSION_SHEET = SheetSpec(
    kind="sessions",
    title="培训班次",
    columns=(
        ColumnSpec(
            "code",
            "班次编号",
            ("班次代码", "班次号", "Session Code", "Session"),
            CellType.CODE,
            True,
            max_length=CODE_MAX,
        ),
        ColumnSpec("course_code", "课程编号", ("课程代码", "Course Code"), CellType.CODE, True),
        ColumnSpec(
            "starts_at",
            "开始时间",
            ("培训开始时间", "开课时间", "Start", "Starts At"),
            CellType.DATETIME,
            True,
        ),
        ColumnSpec("ends_at", "结束时间", ("培训结束时间", "End", "Ends At"), CellType.DATETIME, True),
        ColumnSpec(
            "place",
            "地点",
            ("培训地点", "上课地点", "Place", "Location"),
            CellType.TEXT,
            max_length=PLACE_MAX,
        ),
        ColumnSpec(
            "trainer_no",
            "讲师工号",
            ("内部讲师工号", "内训师工号", "Trainer No"),
            CellType.CODE,
            note="excel.note.session_trainer",
        ),
        ColumnSpec(
            "external_trainer",
            "外部讲师",
            ("外聘讲师", "External Trainer"),
            CellType.TEXT,
            max_length=EXTERNAL_MAX,
        ),
        ColumnSpec(
            "capacity",
            "容量",
            ("人数上限", "名额", "Capacity"),
            CellType.INT,
            note="excel.note.session_capacity",
        ),
        ColumnSpec(
            "assignment_type",
            "作业类型",
            ("作业要求", "Assignment Type", "Assignment"),
            CellType.ENUM,
            parse=parse_assignment,
            choices=(*(label(m, FORMAT_LANGUAGE) for m in AssignmentType), NO_ASSIGNMENT_TEXT),
            note="excel.note.session_assignment",
        ),
        ColumnSpec(
            "assignment_due",
            "作业截止日期",
            ("作业截止", "Assignment Due", "Due Date"),
            CellType.DATE,
            note="excel.note.session_due",
        ),
    ),
    key=("code",),
)


def _export_row(row: SessionRow) -> list[CellValue]:
    values: dict[str, CellValue] = {
        "code": row.code,
        "course_code": row.course_code,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "place": row.place or None,
        "trainer_no": row.trainer_no or None,
        "external_trainer": row.external_trainer or None,
        "capacity": row.capacity,
        "assignment_type": label(row.assignment_type, FORMAT_LANGUAGE)
        if row.assignment_type is not None
        else NO_ASSIGNMENT_TEXT,
        "assignment_due": row.assignment_due,
    }
    return [values[column.key] for column in SESSION_SHEET.columns]


def export_sessions(session: Session, path: Path, progress: Progress | None = None) -> int:
    """Every session, earliest first, in the import layout; returns the rows written."""
    rows = session_rows(session, SessionQuery(sort="starts_at", descending=False))
    cells = (_export_row(row) for row in rows)
    return writer.write_sheet(path, SESSION_SHEET, cells, total=len(rows), progress=progress)
