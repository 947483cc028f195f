"""The submissions and feedback exchange formats: their columns and the exports in the import layout."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.excel import writer
from desktop_hr.excel.columns import EMPLOYEE_NO_COLUMN, SESSION_CODE_COLUMN
from desktop_hr.excel.spec import CellType, ColumnSpec, Progress, SheetSpec, enum_column
from desktop_hr.excel.writer import CellValue
from desktop_hr.models import AssignmentType
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.training.assessment import FeedbackExportRow, every_feedback_row
from desktop_hr.services.training.submissions import TITLE_MAX, SubmissionRow, every_submission_row

messages.define(
    {
        "excel.note.score": (
            "0 到 100 的整数，空白表示未评",
            "A whole number from 0 to 100; blank: not graded",
        ),
        "excel.note.adopted": ("只有行动计划可以被采纳", "Only action plans can be adopted"),
        "excel.note.published": ("只有心得可以发表", "Only reflections can be published"),
        "excel.note.satisfaction": ("0 到 100 的整数", "A whole number from 0 to 100"),
        "excel.note.rating": ("1 到 5 的整数", "A whole number from 1 to 5"),
    }
)

SUBMISSION_SHEET = SheetSpec(
    kind="submissions",
    title="提交",
    columns=(
        SESSION_CODE_COLUMN,
        EMPLOYEE_NO_COLUMN,
        enum_column("kind", "类型", AssignmentType, ("提交类型", "Type"), required=True),
        ColumnSpec("title", "标题", ("题目", "Title"), CellType.TEXT, max_length=TITLE_MAX),
        ColumnSpec("submitted_at", "提交时间", ("Submitted At",), CellType.DATETIME, True),
        ColumnSpec("hr_score", "HR评分", ("人事评分", "HR Score"), CellType.INT, note="excel.note.score"),
        ColumnSpec(
            "head_score",
            "部门评分",
            ("部门负责人评分", "Head Score"),
            CellType.INT,
            note="excel.note.score",
        ),
        ColumnSpec("excellent", "优秀", ("Excellent",), CellType.BOOL),
        ColumnSpec("adopted", "采纳", ("被采纳", "Adopted"), CellType.BOOL, note="excel.note.adopted"),
        ColumnSpec("published", "发表", ("Published",), CellType.BOOL, note="excel.note.published"),
    ),
    key=("session_code", "employee_no", "kind"),
)

FEEDBACK_SHEET = SheetSpec(
    kind="feedback",
    title="学员评价",
    columns=(
        SESSION_CODE_COLUMN,
        EMPLOYEE_NO_COLUMN,
        ColumnSpec(
            "trainer_satisfaction",
            "讲师满意度",
            ("满意度", "Trainer Satisfaction"),
            CellType.INT,
            note="excel.note.satisfaction",
        ),
        ColumnSpec(
            "course_rating", "课程评分", ("评分", "Course Rating"), CellType.INT, note="excel.note.rating"
        ),
        ColumnSpec("comment", "意见", ("意见建议", "评语", "Comment"), CellType.TEXT),
    ),
    key=("session_code", "employee_no"),
)


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _submission_cells(row: SubmissionRow) -> list[CellValue]:
    return [
        row.session_code,
        row.employee_no,
        label(row.kind, FORMAT_LANGUAGE),
        row.title or None,
        row.submitted_at,
        row.hr_score,
        row.head_score,
        _yes_no(row.excellent),
        _yes_no(row.adopted),
        _yes_no(row.published),
    ]


def _feedback_cells(found: FeedbackExportRow) -> list[CellValue]:
    row = found.row
    return [
        found.session_code,
        row.employee_no,
        row.trainer_satisfaction,
        row.course_rating,
        row.comment or None,
    ]


def export_submissions(session: Session, path: Path, progress: Progress | None = None) -> int:
    """Every submission in the import layout (re-importable as is); returns the rows written."""
    rows = every_submission_row(session)
    cells = (_submission_cells(row) for row in rows)
    return writer.write_sheet(path, SUBMISSION_SHEET, cells, total=len(rows), progress=progress)


def export_feedback(session: Session, path: Path, progress: Progress | None = None) -> int:
    """Every feedback form in the import layout (re-importable as is); returns the rows written."""
    rows = every_feedback_row(session)
    cells = (_feedback_cells(row) for row in rows)
    return writer.write_sheet(path, FEEDBACK_SHEET, cells, total=len(rows), progress=progress)
