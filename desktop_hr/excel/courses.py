"""The courses exchange format (课程): its columns, and every course exported in the layout it is imported in."""

from __future__ import annotations

import enum
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.excel import writer
from desktop_hr.excel.spec import CellType, ColumnSpec, Progress, SheetSpec, enum_column
from desktop_hr.excel.writer import CellValue
from desktop_hr.models import CourseCategory, CourseClassification, Delivery, SubjectType
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.training.courses import (
    CODE_MAX,
    COURSE_FIELD_LABELS,
    TITLE_MAX,
    CourseRow,
    course_rows,
)

messages.define(
    {
        "excel.note.course_owner": (
            "业务部门的专业模块填部门路径或名称（须已存在），如 总公司/华东分部/销售部；空白表示人事通用模块",
            "A business department's module: its path or name (it must exist), e.g. 总公司/华东分部/销售部; "
            "blank means the HR general module",
        ),
        "excel.note.course_category": ("新课程必填", "Required for a new course"),
    }
)


def _header(key: str) -> str:
    return COURSE_FIELD_LABELS[key][0]


def _enum_column(key: str, cls: type[enum.Enum], note: str | None = None) -> ColumnSpec:
    return enum_column(key, _header(key), cls, note=note)


COURSE_SHEET = SheetSpec(
    kind="courses",
    title="课程",
    columns=(
        ColumnSpec(
            "course_code", _header("course_code"), ("Course Code",), CellType.CODE, True, max_length=CODE_MAX
        ),
        ColumnSpec(
            "course_title", _header("course_title"), ("Course",), CellType.TEXT, True, max_length=TITLE_MAX
        ),
        ColumnSpec("course_credits", _header("course_credits"), ("Credits",), CellType.DECIMAL),
        ColumnSpec("course_hours", _header("course_hours"), ("Hours",), CellType.DECIMAL),
        _enum_column("course_category", CourseCategory, note="excel.note.course_category"),
        _enum_column("course_classification", CourseClassification),
        _enum_column("course_subject", SubjectType),
        _enum_column("course_delivery", Delivery),
        ColumnSpec(
            "course_owner",
            _header("course_owner"),
            ("Owner Department",),
            CellType.TEXT,
            note="excel.note.course_owner",
        ),
    ),
    key=("course_code",),
)


def _export_row(row: CourseRow) -> list[CellValue]:
    values: dict[str, CellValue] = {
        "course_code": row.code,
        "course_title": row.title,
        "course_credits": row.credits,
        "course_hours": row.hours,
        "course_category": label(row.category, FORMAT_LANGUAGE),
        "course_classification": label(row.classification, FORMAT_LANGUAGE),
        "course_subject": label(row.subject, FORMAT_LANGUAGE),
        "course_delivery": label(row.delivery, FORMAT_LANGUAGE),
        # Blank, not the module's display name: blank is what the import reads as the HR general module.
        "course_owner": row.owner if row.owner_department_id is not None else None,
    }
    return [values[column.key] for column in COURSE_SHEET.columns]


def export_courses(session: Session, path: Path, progress: Progress | None = None) -> int:
    """Every course, by code, in the import layout (re-importable as is); returns the rows written."""
    rows = course_rows(session)
    cells = (_export_row(row) for row in rows)
    return writer.write_sheet(path, COURSE_SHEET, cells, total=len(rows), progress=progress)
