"""One employee's training history: every session and historical record, hours and credits earned, per year.

Also the historical records themselves (培训记录, training from before the program): added, edited and
deleted by hand, or imported in the training-records exchange format. They count toward hours and
credits, never toward points.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.excel.reader import SheetRow
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    AttendanceStatus,
    Course,
    CourseCategory,
    CourseClassification,
    Employee,
    Enrolment,
    EnrolmentStatus,
    ExamResult,
    SubjectType,
    Submission,
    TrainingRecord,
    TrainingSession,
)
from desktop_hr.services import imports, validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.imports import chunks, employee_ids_by_no, known_id
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.requirements.recognition import LEARNING_FORM_LABELS, RecognitionTable
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.training.submissions import final_score
from desktop_hr.services.trust.permissions import Permission, require

# Field keys: the training-records sheet's column keys (with the roster's employee_no), and FieldError.field.
RECORD_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "record_title": ("课程名称", "Course"),
    "record_date": ("日期", "Date"),
    "record_hours": ("学时", "Hours"),
    "record_credits": ("学分", "Credits"),
    "record_category": ("课程类别", "Course category"),
    "record_subject": ("科目类型", "Subject type"),
    "record_classification": ("培训类型", "Training type"),
    "record_score": ("成绩", "Score"),
    "record_note": ("备注", "Note"),
    **LEARNING_FORM_LABELS,
}

messages.define({f"field.{k}": v for k, v in RECORD_FIELD_LABELS.items()})
messages.define(
    {
        "reason.record_taken": (
            "该员工在这一天已有同名的培训记录",
            "this employee already has a record of this course on this day",
        ),
    }
)

TITLE_MAX = 200
SCORE_MAX = 20
AMOUNT_MAX = validation.AMOUNT_MAX  # the dialog's spin boxes
_ZERO = Decimal("0.00")
_BLANK: dict[str, Any] = {"hours": _ZERO, "credits": _ZERO, "score": "", "note": ""}


# ---- the history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmissionSummary:
    kind: AssignmentType
    submitted_at: datetime
    final_score: Decimal | None  # mean of the HR and department grades; None until both are given
    excellent: bool


@dataclass(frozen=True)
class HistoryRow:
    """One session the person was enrolled in or attended, or one historical record (`record_id` set).

    `hours` and `credits` are what the row earned: a session's course values when the person was
    present, late or completed it online, else zero; a historical record's own values.
    """

    on_date: date
    course_code: str  # "" for historical records
    course_title: str
    hours: Decimal
    credits: Decimal
    earned: bool
    session_id: int | None = None
    session_code: str = ""
    attendance: AttendanceStatus | None = None
    enrolment: EnrolmentStatus | None = None
    submissions: tuple[SubmissionSummary, ...] = ()
    exam_score: int | None = None
    record_id: int | None = None
    record_score: str = ""  # as recorded on a historical record: 85, 合格, 优秀
    category: CourseCategory | None = None
    subject: SubjectType | None = None
    classification: CourseClassification | None = None
    note: str = ""

    @property
    def is_historical(self) -> bool:
        return self.record_id is not None


@dataclass(frozen=True)
class YearTotals:
    year: int
    hours: Decimal
    credits: Decimal


@dataclass(frozen=True)
class EmployeeHistory:
    employee_id: int
    employee_no: str
    name: str
    rows: list[HistoryRow]  # newest first
    hours: Decimal  # earned, sessions and historical records together
    credits: Decimal
    by_year: list[YearTotals]  # newest year first, only years with rows


def _session_rows(session: Session, employee_id: int) -> list[HistoryRow]:
    attendance = {
        session_id: status
        for session_id, status in session.execute(
            select(Attendance.session_id, Attendance.status).where(Attendance.employee_id == employee_id)
        )
    }
    enrolment = {
        session_id: status
        for session_id, status in session.execute(
            select(Enrolment.session_id, Enrolment.status).where(
                Enrolment.employee_id == employee_id, Enrolment.status != EnrolmentStatus.CANCELLED
            )
        )
    }
    submissions: dict[int, list[SubmissionSummary]] = {}
    for sub in session.scalars(
        select(Submission).where(Submission.employee_id == employee_id).order_by(Submission.submitted_at)
    ):
        submissions.setdefault(sub.session_id, []).append(
            SubmissionSummary(
                sub.kind, sub.submitted_at, final_score(sub.hr_score, sub.head_score), sub.excellent
            )
        )
    exams = {
        session_id: score
        for session_id, score in session.execute(
            select(ExamResult.session_id, ExamResult.score).where(ExamResult.employee_id == employee_id)
        )
    }
    ids = sorted(attendance.keys() | enrolment.keys())
    rows: list[HistoryRow] = []
    for part in chunks(ids):
        for ts, course in session.execute(
            select(TrainingSession, Course)
            .join(Course, Course.id == TrainingSession.course_id)
            .where(TrainingSession.id.in_(part))
        ):
            status = attendance.get(ts.id)
            earned = status in ATTENDED  # earns the course's hours and credits
            rows.append(
                HistoryRow(
                    on_date=ts.starts_at.date(),
                    course_code=course.code,
                    course_title=course.title,
                    hours=course.hours if earned else _ZERO,
                    credits=course.credits if earned else _ZERO,
                    earned=earned,
                    session_id=ts.id,
                    session_code=ts.code,
                    attendance=status,
                    enrolment=enrolment.get(ts.id),
                    submissions=tuple(submissions.get(ts.id, ())),
                    exam_score=exams.get(ts.id),
                    category=course.category,
                    subject=course.subject,
                    classification=course.classification,
                )
            )
    return rows


def _record_rows(session: Session, employee_id: int) -> list[HistoryRow]:
    return [
        HistoryRow(
            on_date=r.on_date,
            course_code="",
            course_title=r.course_title,
            hours=r.hours,
            credits=r.credits,
            earned=True,
            record_id=r.id,
            record_score=r.score,
            category=r.category,
            subject=r.subject,
            classification=r.classification,
            note=r.note,
        )
        for r in session.scalars(select(TrainingRecord).where(TrainingRecord.employee_id == employee_id))
    ]


def employee_history(session: Session, employee_id: int) -> EmployeeHistory:
    """Every session and historical record of the employee, newest first, with the hours and credits earned."""
    employee = get_or_raise(session, Employee, employee_id)
    rows = _session_rows(session, employee_id) + _record_rows(session, employee_id)
    rows.sort(key=lambda r: (r.on_date, r.course_title, r.session_code), reverse=True)
    years: dict[int, tuple[Decimal, Decimal]] = {}
    for row in rows:
        hours, credits = years.get(row.on_date.year, (_ZERO, _ZERO))
        years[row.on_date.year] = (hours + row.hours, credits + row.credits)
    return EmployeeHistory(
        employee_id=employee_id,
        employee_no=employee.employee_no,
        name=employee.name,
        rows=rows,
        hours=sum((r.hours for r in rows), _ZERO),
        credits=sum((r.credits for r in rows), _ZERO),
        by_year=[YearTotals(year, *years[year]) for year in sorted(years, reverse=True)],
    )


# ---- historical records by hand -----------------------------------------------------------------


@dataclass(frozen=True)
class TrainingRecordData:
    """A historical record as a clerk enters it (or one row of the training-records sheet)."""

    course_title: str
    on_date: date
    hours: Decimal = _ZERO
    credits: Decimal = _ZERO
    category: CourseCategory | None = None
    subject: SubjectType | None = None
    classification: CourseClassification | None = None
    score: str = ""
    note: str = ""
    learning_form: str | None = None  # code (or name, as typed) of the recognition table's learning form
    quantity: Decimal | None = None  # its units: days, papers, years of study…

    def cleaned(self) -> TrainingRecordData:
        """Text trimmed (full-width spaces too); whole amounts written with two places, like the database."""
        changes: dict[str, Any] = validation.trimmed_text(self)
        for name in ("hours", "credits", "quantity"):
            changes[name] = validation.with_cents(getattr(self, name))
        changes["learning_form"] = changes.get("learning_form") or None
        return replace(self, **changes)


# TrainingRecordData attribute -> field key
_FIELD_OF = {
    "course_title": "record_title",
    "on_date": "record_date",
    "hours": "record_hours",
    "credits": "record_credits",
    "category": "record_category",
    "subject": "record_subject",
    "classification": "record_classification",
    "score": "record_score",
    "note": "record_note",
    "learning_form": "record_learning_form",
    "quantity": "record_quantity",
}


def validate(data: TrainingRecordData) -> list[FieldError]:
    """Rules that need no database: a title, a plausible date, hours and credits ≥ 0 with two places."""
    errors: list[FieldError] = []

    def bad(key: str, value: object, reason: str | None) -> None:
        if reason:
            errors.append(FieldError(key, "" if value is None else str(value), reason))

    if not data.course_title:
        bad("record_title", data.course_title, messages.text("reason.required"))
    elif len(data.course_title) > TITLE_MAX:
        bad("record_title", data.course_title, messages.text("reason.too_long", limit=TITLE_MAX))
    bad("record_date", data.on_date, validation.date_problem(data.on_date))
    bad("record_hours", data.hours, validation.amount_problem(data.hours))
    bad("record_credits", data.credits, validation.amount_problem(data.credits))
    if len(data.score) > SCORE_MAX:
        bad("record_score", data.score, messages.text("reason.too_long", limit=SCORE_MAX))
    return errors


def _columns(data: TrainingRecordData) -> dict[str, Any]:
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _data_of(record: TrainingRecord) -> TrainingRecordData:
    return TrainingRecordData(**{f.name: getattr(record, f.name) for f in fields(TrainingRecordData)})


def recognised(
    table: RecognitionTable, data: TrainingRecordData, current_form: str | None = None
) -> tuple[TrainingRecordData, list[FieldError]]:
    """The record with its learning form as a code and, when no 学时 were entered, the 学时 the table gives."""
    form, hours, errors = table.apply(
        data.learning_form, data.quantity, data.hours, current_form=current_form
    )
    return replace(data, learning_form=form, hours=hours), errors


def _check(
    session: Session,
    employee_id: int,
    data: TrainingRecordData,
    self_id: int | None,
    current_form: str | None = None,
) -> TrainingRecordData:
    data, errors = recognised(RecognitionTable.load(session), data, current_form)
    errors = validate(data) + errors
    clash = session.scalar(
        select(TrainingRecord.id).where(
            TrainingRecord.employee_id == employee_id,
            TrainingRecord.course_title == data.course_title,
            TrainingRecord.on_date == data.on_date,
        )
    )
    if clash is not None and clash != self_id:
        errors.append(FieldError("record_title", data.course_title, messages.text("reason.record_taken")))
    if errors:
        raise ValidationFailed(errors)
    return data


def get_training_record(session: Session, record_id: int) -> TrainingRecordData:
    return _data_of(get_or_raise(session, TrainingRecord, record_id))


def add_training_record(uow: UnitOfWork, employee_id: int, data: TrainingRecordData) -> int:
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        get_or_raise(uow.session, Employee, employee_id)
        data = _check(uow.session, employee_id, data, None)
        record = TrainingRecord(employee_id=employee_id, **_columns(data))
        uow.session.add(record)
        uow.session.flush()
        uow.commit()
        return record.id


def update_training_record(uow: UnitOfWork, record_id: int, data: TrainingRecordData) -> int:
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        record = get_or_raise(uow.session, TrainingRecord, record_id)
        data = _check(uow.session, record.employee_id, data, record_id, record.learning_form)
        for name, value in _columns(data).items():
            setattr(record, name, value)
        uow.commit()
        return record_id


def delete_training_record(uow: UnitOfWork, record_id: int) -> TrainingRecordData:
    """Remove a record entered by mistake; returns what it held (for an undo or a message)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        record = get_or_raise(uow.session, TrainingRecord, record_id)
        data = _data_of(record)
        uow.session.delete(record)
        uow.commit()
        return data


# ---- the training-records import ----------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    record_id: int | None  # None: a new record
    employee_id: int
    data: TrainingRecordData
    changed: bool


@dataclass
class TrainingRecordImporter(imports.RowImporter[_Plan]):
    """Key (工号, 课程名称, 日期): a known key updates that record (only the columns in the file), a new one adds it.

    Awards no points: these are the years before the program.
    """

    _employees: dict[str, int] = field(default_factory=dict)
    _existing: dict[tuple[int, str, date], tuple[int, TrainingRecordData]] = field(default_factory=dict)
    _recognition: RecognitionTable = field(default_factory=lambda: RecognitionTable(()))

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        self._recognition = RecognitionTable.load(session)
        self._employees = employee_ids_by_no(session, (str(r.values.get("employee_no") or "") for r in rows))
        for part in chunks(sorted(set(self._employees.values()))):
            for record in session.scalars(select(TrainingRecord).where(TrainingRecord.employee_id.in_(part))):
                key = (record.employee_id, record.course_title, record.on_date)
                self._existing[key] = (record.id, _data_of(record))

    def plan(self, row: SheetRow, problems: imports.RowProblems) -> _Plan | None:
        values = row.values
        title, on_date = values.get("record_title"), values.get("record_date")
        employee_id = known_id(row, problems, "employee_no", self._employees, "reason.unknown_employee_no")
        if employee_id is None or not title or on_date is None:
            return None  # a blank or unreadable required cell was reported by the reader
        existing = self._existing.get((employee_id, title, on_date))
        changes: dict[str, Any] = {}
        for attribute, key in _FIELD_OF.items():
            if key in values and attribute not in ("course_title", "on_date"):
                value = values[key]
                # A blank cell clears the value.
                changes[attribute] = _BLANK.get(attribute) if value is None else value
        if "record_hours" not in values and ({"record_learning_form", "record_quantity"} & values.keys()):
            changes["hours"] = _ZERO  # no 学时 column: a learning form and quantity in the file give them
        base = existing[1] if existing else TrainingRecordData(course_title=title, on_date=on_date)
        data, recognition_errors = recognised(
            self._recognition, replace(base, **changes).cleaned(), base.learning_form
        )
        for error in validate(data) + recognition_errors:
            problems.add(row, error.field, error.reason)
        if problems.has_errors(row):
            return None
        return _Plan(
            existing[0] if existing else None, employee_id, data, existing is None or data != existing[1]
        )

    def write(
        self, session: Session, plans: list[_Plan], progress: imports.Progress | None
    ) -> imports.Counts:
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        unchanged = 0
        for done, plan in enumerate(plans, start=1):
            if not plan.changed:
                unchanged += 1
            elif plan.record_id is None:
                inserts.append({"employee_id": plan.employee_id, **_columns(plan.data)})
            else:
                updates.append({"id": plan.record_id, **_columns(plan.data)})
            if progress is not None and done % imports.PROGRESS_EVERY == 0:
                progress(done, len(plans))
        # Statements for many rows at once: a history import can bring 100,000 rows.
        if inserts:
            session.execute(insert(TrainingRecord), inserts, execution_options={"render_nulls": True})
        if updates:
            session.execute(update(TrainingRecord), updates)
        if progress is not None:
            progress(len(plans), len(plans))
        return imports.Counts(len(inserts), len(updates), unchanged)


def training_record_rows(session: Session) -> list[tuple[str, TrainingRecordData]]:
    """(工号, record) for every historical record, by 工号 and date: what the export writes."""
    stmt = (
        select(Employee.employee_no, TrainingRecord)
        .join(Employee, Employee.id == TrainingRecord.employee_id)
        .order_by(Employee.employee_no, TrainingRecord.on_date, TrainingRecord.course_title)
    )
    return [(number, _data_of(record)) for number, record in session.execute(stmt)]
