"""The attendance exchange format (签到): its columns and the export of every sign-in, re-importable as is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.excel import writer
from desktop_hr.excel.columns import EMPLOYEE_NO_COLUMN, SESSION_CODE_COLUMN
from desktop_hr.excel.spec import CellType, ColumnSpec, Progress, SheetSpec, enum_column
from desktop_hr.excel.writer import CellValue
from desktop_hr.models import Attendance, AttendanceStatus, Employee, TrainingSession
from desktop_hr.services.labels import FORMAT_LANGUAGE, label

messages.define(
    {
        "excel.note.attendance_status": (
            "空白时按签到时间与班次开始时间（含宽限分钟）判断：晚于开始为迟到；线上课程为完成",
            "Blank: decided from 签到时间 against the session start (plus the grace minutes): "
            "after the start is 迟到; online courses are 完成",
        ),
    }
)

EXPORT_BATCH = 2000

ATTENDANCE_SHEET = SheetSpec(
    kind="attendance",
    title="签到",
    columns=(
        SESSION_CODE_COLUMN,
        EMPLOYEE_NO_COLUMN,
        ColumnSpec(
            "signed_in_at", "签到时间", ("签到日期时间", "Sign-in Time", "Signed In At"), CellType.DATETIME
        ),
        enum_column(
            "status",
            "状态",
            AttendanceStatus,
            ("签到状态", "出勤状态", "出勤情况", "Status"),
            note="excel.note.attendance_status",
        ),
    ),
    key=("session_code", "employee_no"),
)


def export_attendance(session: Session, path: Path, progress: Progress | None = None) -> int:
    """Every sign-in by session code and 工号, in the import layout; returns the rows written."""
    total = session.scalar(select(func.count()).select_from(Attendance)) or 0
    stmt = (
        select(TrainingSession.code, Employee.employee_no, Attendance.signed_in_at, Attendance.status)
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Employee, Employee.id == Attendance.employee_id)
        .order_by(TrainingSession.code, Employee.employee_no)
        .execution_options(yield_per=EXPORT_BATCH)
    )

    def rows() -> Iterator[list[CellValue]]:
        for code, number, signed_in_at, status in session.execute(stmt):
            yield [code, number, signed_in_at, label(status, FORMAT_LANGUAGE)]

    return writer.write_sheet(path, ATTENDANCE_SHEET, rows(), total=total, progress=progress)
