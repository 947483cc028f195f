"""Every Excel exchange kind (EXCHANGE_FORMATS.md) in one registry, for the command line and the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.excel import writer
from desktop_hr.excel.reader import SheetRead, read_sheet
from desktop_hr.excel.spec import Cancelled, SheetSpec
from desktop_hr.services.bulk_work import fewer_collections
from desktop_hr.services.imports import ImportReport, Progress, RowImporter, import_rows
from desktop_hr.vocabulary import EXCHANGE_KINDS


class Parsed(Protocol):
    """A file read and checked without the database (SheetRead, or the roster's own EmployeeParse)."""

    @property
    def warnings(self) -> list[str]: ...


@dataclass(frozen=True)
class ExchangeKind:
    name: str  # as typed on the command line: "courses", "training-records"
    title: tuple[str, str]  # (zh_CN, en), for dialogs and messages
    spec: SheetSpec
    parse: Callable[[Path, Progress | None, Cancelled | None], Parsed]
    import_parsed: Callable[[UnitOfWork, Any, bool, Progress | None], ImportReport]
    export: Callable[
        [Session, Path, Progress | None], int
    ]  # every row, in the import layout; returns the count

    def label(self) -> str:
        zh, en = self.title
        return en if messages.language() == "en" else zh

    def write_template(self, path: Path) -> None:
        writer.write_template(Path(path), self.spec)


def table_kind(
    name: str,
    title: tuple[str, str],
    spec: SheetSpec,
    importer: Callable[[], RowImporter[Any]],
    export: Callable[[Session, Path, Progress | None], int],
) -> ExchangeKind:
    """A kind imported through the shared row machinery (services/imports.py)."""

    def parse(path: Path, progress: Progress | None, cancelled: Cancelled | None) -> SheetRead:
        with fewer_collections():  # a hundred thousand rows read and kept
            return read_sheet(Path(path), spec, progress=progress, cancelled=cancelled)

    def import_parsed(
        uow: UnitOfWork, parsed: SheetRead, valid_only: bool, progress: Progress | None
    ) -> ImportReport:
        return import_rows(uow, parsed, importer(), valid_only=valid_only, progress=progress)

    return ExchangeKind(name, title, spec, parse, import_parsed, export)


def _employees() -> ExchangeKind:
    from desktop_hr.excel.employees import EMPLOYEE_SHEET, export_employees, parse_employees
    from desktop_hr.services.archive.employees import EmployeeQuery
    from desktop_hr.services.archive.roster_import import import_employees
    from desktop_hr.services.trust.permissions import Permission, require

    def import_parsed(
        uow: UnitOfWork, parsed: Any, valid_only: bool, progress: Progress | None
    ) -> ImportReport:
        require(uow.principal, Permission.IMPORT)
        return import_employees(
            uow,
            parsed,
            valid_only=valid_only,
            create_departments=parsed.create_departments,
            progress=progress,
        )

    def export(session: Session, path: Path, progress: Progress | None) -> int:
        return export_employees(session, EmployeeQuery(), path, progress)

    return ExchangeKind(
        "employees",
        ("员工花名册", "employee roster"),
        EMPLOYEE_SHEET,
        parse_employees,
        import_parsed,
        export,
    )


@cache
def kinds() -> dict[str, ExchangeKind]:
    """Imported on first use: the registry reaches into every area, and the areas must not import it back."""
    from desktop_hr.excel.attendance import ATTENDANCE_SHEET, export_attendance
    from desktop_hr.excel.courses import COURSE_SHEET, export_courses
    from desktop_hr.excel.point_adjustments import POINT_ADJUSTMENT_SHEET, export_point_adjustments
    from desktop_hr.excel.sessions import SESSION_SHEET, export_sessions
    from desktop_hr.excel.submissions import (
        FEEDBACK_SHEET,
        SUBMISSION_SHEET,
        export_feedback,
        export_submissions,
    )
    from desktop_hr.excel.training_records import TRAINING_RECORD_SHEET, export_training_records
    from desktop_hr.services.points.manual_awards import PointAdjustmentImporter
    from desktop_hr.services.training.assessment import FeedbackImporter
    from desktop_hr.services.training.attendance_import import AttendanceImporter
    from desktop_hr.services.training.courses import CourseImporter
    from desktop_hr.services.training.history import TrainingRecordImporter
    from desktop_hr.services.training.session_import import SessionImporter
    from desktop_hr.services.training.submissions import SubmissionImporter

    found = [
        _employees(),
        table_kind(
            "training-records",
            ("历史培训记录", "training records"),
            TRAINING_RECORD_SHEET,
            TrainingRecordImporter,
            export_training_records,
        ),
        table_kind("courses", ("课程", "courses"), COURSE_SHEET, CourseImporter, export_courses),
        table_kind("sessions", ("培训班次", "sessions"), SESSION_SHEET, SessionImporter, export_sessions),
        table_kind(
            "submissions", ("提交", "submissions"), SUBMISSION_SHEET, SubmissionImporter, export_submissions
        ),
        table_kind("feedback", ("学员评价", "feedback"), FEEDBACK_SHEET, FeedbackImporter, export_feedback),
        table_kind(
            "attendance", ("签到", "attendance"), ATTENDANCE_SHEET, AttendanceImporter, export_attendance
        ),
        table_kind(
            "point-adjustments",
            ("积分调整", "point adjustments"),
            POINT_ADJUSTMENT_SHEET,
            PointAdjustmentImporter,
            export_point_adjustments,
        ),
    ]
    return {kind.name: kind for kind in found}


def kind_names() -> tuple[str, ...]:
    return EXCHANGE_KINDS
