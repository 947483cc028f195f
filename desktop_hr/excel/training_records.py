"""The training-records exchange format (history from before the program): its columns and the export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.excel import writer
from desktop_hr.excel.columns import EMPLOYEE_NO_COLUMN
from desktop_hr.excel.spec import CellType, ColumnSpec, Progress, SheetSpec, enum_column
from desktop_hr.excel.writer import CellValue
from desktop_hr.models import CourseCategory, CourseClassification, SubjectType
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.requirements.recognition import list_recognition
from desktop_hr.services.training.history import RECORD_FIELD_LABELS, TITLE_MAX, training_record_rows

messages.define(
    {
        "excel.note.learning_form": (
            "学时认定表中的学习形式（如 脱产培训、学术会议、论文）；未填学时时按数量折算",
            "A learning form of the recognition table (e.g. 脱产培训, 学术会议, 论文); "
            "without 学时, the quantity is converted",
        ),
    }
)


def _header(key: str) -> str:
    return RECORD_FIELD_LABELS[key][0]


TRAINING_RECORD_SHEET = SheetSpec(
    kind="training-records",
    title="培训记录",
    columns=(
        EMPLOYEE_NO_COLUMN,
        ColumnSpec(
            "record_title",
            _header("record_title"),
            ("培训名称", "培训课程", "培训项目", "Course"),
            CellType.TEXT,
            True,
            max_length=TITLE_MAX,
        ),
        ColumnSpec("record_date", _header("record_date"), ("培训日期", "Date"), CellType.DATE, True),
        ColumnSpec("record_hours", _header("record_hours"), ("Hours",), CellType.DECIMAL),
        ColumnSpec("record_credits", _header("record_credits"), ("Credits",), CellType.DECIMAL),
        enum_column("record_category", _header("record_category"), CourseCategory, ("Course Category",)),
        enum_column("record_subject", _header("record_subject"), SubjectType, ("Subject Type",)),
        enum_column(
            "record_classification",
            _header("record_classification"),
            CourseClassification,
            ("Training Type",),
        ),
        ColumnSpec("record_score", _header("record_score"), ("考核成绩", "Score"), CellType.TEXT),
        ColumnSpec("record_note", _header("record_note"), ("Note",), CellType.TEXT),
        ColumnSpec(
            "record_learning_form",
            _header("record_learning_form"),
            ("学时认定形式", "Learning Form"),
            CellType.TEXT,
            note="excel.note.learning_form",
        ),
        ColumnSpec("record_quantity", _header("record_quantity"), ("Quantity",), CellType.DECIMAL),
    ),
    key=("employee_no", "record_title", "record_date"),
)


def export_training_records(session: Session, path: Path, progress: Progress | None = None) -> int:
    """Every historical record in the import format (re-importable as is); returns the rows written."""
    records = training_record_rows(session)
    forms = {row.code: row.name for row in list_recognition(session)}

    def rows() -> Iterator[list[CellValue]]:
        for number, data in records:
            yield [
                number,
                data.course_title,
                data.on_date,
                data.hours,
                data.credits,
                label(data.category, FORMAT_LANGUAGE) or None,
                label(data.subject, FORMAT_LANGUAGE) or None,
                label(data.classification, FORMAT_LANGUAGE) or None,
                data.score or None,
                data.note or None,
                forms.get(data.learning_form, data.learning_form) if data.learning_form else None,
                data.quantity,
            ]

    return writer.write_sheet(path, TRAINING_RECORD_SHEET, rows(), total=len(records), progress=progress)
