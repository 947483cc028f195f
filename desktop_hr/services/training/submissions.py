"""Submissions (心得, 行动计划, 作业): handing in, due dates, grading by HR and the department head, flags, import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import EllipsisType
from typing import Any, Protocol

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.excel.reader import SheetRow
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    Course,
    Employee,
    Submission,
    TrainingSession,
)
from desktop_hr.services import imports, validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.files import copy_out, store_file
from desktop_hr.services.imports import KeyedValues, SessionPersonKeys, rows_of_sessions, write_keyed
from desktop_hr.services.labels import label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.points.awards import reverse_submission, sync_awards
from desktop_hr.services.references import refuse_if_referenced
from desktop_hr.services.training.facts import ACTION_PLAN_DAYS, ATTENDED
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "field.submission_kind": ("类型", "Type"),
        "field.submission_title": ("标题", "Title"),
        "field.submission_content": ("内容", "Content"),
        "field.submitted_at": ("提交时间", "Submitted"),
        "field.hr_score": ("HR评分", "HR score"),
        "field.head_score": ("部门评分", "Department head score"),
        "flag.excellent": ("优秀", "excellent"),
        "flag.adopted": ("采纳", "adopted"),
        "flag.published": ("发表", "published"),
        "reason.text_or_file": ("请填写内容或附上文件", "enter the text or attach a file"),
        "reason.flag_kind": (
            "只有{allowed}可以标记为“{flag}”，这份是{kind}",
            'only a {allowed} can be marked "{flag}"; this one is a {kind}',
        ),
        "submission.flag_refused": ("{what}：{reason}", "{what}: {reason}"),
        "submission.no_file": ("这份提交没有附件", "This submission has no attached file"),
    }
)

TITLE_MAX = 200
FILE_NAME_MAX = 255
KEEP = ...  # grade(): leave this score as it is


class FlagRefused(DomainError):
    """被采纳 is for action plans only, 发表 for reflections only."""

    code = "submission.flag_refused"


class NoFile(DomainError):
    code = "submission.no_file"


class Schedule(Protocol):
    """What a due date depends on: a TrainingSession, or anything with its dates."""

    @property
    def ends_at(self) -> datetime: ...
    @property
    def assignment_type(self) -> AssignmentType | None: ...
    @property
    def assignment_due(self) -> date | None: ...


def due_date(training_session: Schedule, kind: AssignmentType) -> date | None:
    """When a `kind` submission for this session is due, or None when nothing says so.

    The session's due date applies to the assignment it sets; an action plan without one is due
    30 calendar days after the session's last day.
    """
    if training_session.assignment_type is kind and training_session.assignment_due is not None:
        return training_session.assignment_due
    if kind is AssignmentType.ACTION_PLAN:
        return training_session.ends_at.date() + timedelta(days=ACTION_PLAN_DAYS)
    return None


def is_on_time(submitted_at: datetime, due: date | None) -> bool | None:
    """On time when handed in on or before the due day; None when there is no due date."""
    return None if due is None else submitted_at.date() <= due


def final_score(hr: int | None, head: int | None) -> Decimal | None:
    """The mean of both grades, to one decimal place; None (待评) until both are given."""
    if hr is None or head is None:
        return None
    return (Decimal(hr + head) / 2).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def flag_problem(kind: AssignmentType, *, adopted: bool, published: bool) -> tuple[str, str] | None:
    """(flag key, reason) when a flag is set on a kind that cannot carry it, else None."""
    for flag, wanted, allowed in (
        ("adopted", adopted, AssignmentType.ACTION_PLAN),
        ("published", published, AssignmentType.REFLECTION),
    ):
        if wanted and kind is not allowed:
            reason = messages.text(
                "reason.flag_kind",
                allowed=label(allowed),
                flag=messages.text(f"flag.{flag}"),
                kind=label(kind),
            )
            return flag, reason
    return None


def score_errors(**scores: int | None) -> list[FieldError]:
    """A FieldError for each score (keyword = field key) outside 0-100; None means not graded."""
    return [
        FieldError(key, str(value), problem)
        for key, value in scores.items()
        if value is not None and (problem := validation.score_problem(value))
    ]


# ---- plain values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmissionData:
    """One submission as the clerk edits it (the dialog's fields)."""

    id: int
    session_id: int
    employee_id: int
    employee_no: str
    name: str
    kind: AssignmentType
    title: str
    text: str
    file_name: str  # "" when nothing is attached
    submitted_at: datetime


@dataclass(frozen=True)
class SubmissionRow:
    """One line of a submissions table, display-ready."""

    id: int
    session_id: int
    session_code: str
    course_title: str
    employee_id: int
    employee_no: str
    name: str
    kind: AssignmentType
    title: str
    file_name: str
    submitted_at: datetime
    due: date | None
    on_time: bool | None  # None: no due date
    hr_score: int | None
    head_score: int | None
    final: Decimal | None  # None while a grade is missing
    excellent: bool
    adopted: bool
    published: bool
    not_attended: bool  # no sign-in (or absent/excused) for the session: allowed, but worth a look

    @property
    def late(self) -> bool:
        return self.on_time is False

    @property
    def pending(self) -> bool:
        """Graded by one side only: the final score waits for the other (待评)."""
        return self.final is None and (self.hr_score is not None or self.head_score is not None)


def assignment_of(session: Session, session_id: int) -> AssignmentType | None:
    """The assignment the session sets (the kind a new submission starts as)."""
    return get_or_raise(session, TrainingSession, session_id).assignment_type


# ---- writing -----------------------------------------------------------------------------------


def submit(
    uow: UnitOfWork,
    session_id: int,
    employee_id: int,
    kind: AssignmentType,
    *,
    title: str,
    text: str,
    file_path: Path | None = None,
    submitted_at: datetime,
    correct_time: bool = False,
) -> int:
    """Hand in (or hand in again) `kind` for this person and session; returns the submission's id.

    There is one submission per (session, person, kind): handing in again replaces the title, text
    and (when given) the file, and keeps the first submitted time unless `correct_time` says the
    clerk is correcting it. A file is stored in the database under its original name.
    """
    require(uow.principal, Permission.EDIT_RECORDS)
    title, text = title.strip(), text.strip()
    errors: list[FieldError] = []
    if len(title) > TITLE_MAX:
        errors.append(
            FieldError("submission_title", title, messages.text("reason.too_long", limit=TITLE_MAX))
        )
    with uow:
        session = uow.session
        get_or_raise(session, TrainingSession, session_id)
        get_or_raise(session, Employee, employee_id)
        existing = _find(session, session_id, employee_id, kind)
        has_file = file_path is not None or (existing is not None and existing.file_id is not None)
        if not text and not has_file:
            errors.append(FieldError("submission_content", "", messages.text("reason.text_or_file")))
        if errors:
            raise ValidationFailed(errors)
        if existing is None:
            existing = Submission(
                session_id=session_id, employee_id=employee_id, kind=kind, submitted_at=submitted_at
            )
            session.add(existing)
        elif correct_time:
            existing.submitted_at = submitted_at
        existing.title = title
        existing.text = text
        if file_path is not None:
            existing.file_id = store_file(session, Path(file_path))
            existing.file_name = Path(file_path).name[:FILE_NAME_MAX]
        session.flush()
        sync_awards(session, session_ids={session_id})
        uow.commit()
        return existing.id


def _find(session: Session, session_id: int, employee_id: int, kind: AssignmentType) -> Submission | None:
    return session.scalar(
        select(Submission).where(
            Submission.session_id == session_id,
            Submission.employee_id == employee_id,
            Submission.kind == kind,
        )
    )


def grade(
    uow: UnitOfWork,
    submission_id: int,
    *,
    hr_score: int | EllipsisType | None = KEEP,
    head_score: int | EllipsisType | None = KEEP,
) -> SubmissionRow:
    """Set HR's and/or the department head's score (0-100; None clears it, KEEP leaves it)."""
    require(uow.principal, Permission.GRADE)
    given = {
        key: value
        for key, value in (("hr_score", hr_score), ("head_score", head_score))
        if not isinstance(value, EllipsisType)
    }
    errors = score_errors(**given)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        submission = get_or_raise(uow.session, Submission, submission_id)
        for key, value in given.items():
            setattr(submission, key, value)
        uow.commit()
        return _one_row(uow.session, submission_id)


def set_flags(
    uow: UnitOfWork,
    submission_id: int,
    excellent: bool | None = None,
    adopted: bool | None = None,
    published: bool | None = None,
) -> SubmissionRow:
    """Mark or unmark 优秀 / 被采纳 (action plans) / 发表 (reflections); None leaves a flag as it is."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        submission = get_or_raise(uow.session, Submission, submission_id)
        problem = flag_problem(submission.kind, adopted=bool(adopted), published=bool(published))
        if problem is not None:
            raise FlagRefused(what=messages.text(f"flag.{problem[0]}"), reason=problem[1])
        for key, value in (("excellent", excellent), ("adopted", adopted), ("published", published)):
            if value is not None:
                setattr(submission, key, value)
        sync_awards(uow.session, session_ids={submission.session_id})
        uow.commit()
        return _one_row(uow.session, submission_id)


def delete_submission(uow: UnitOfWork, submission_id: int) -> None:
    """Remove a submission entered by mistake (refused while anything refers to it); its file stays stored."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        submission = get_or_raise(session, Submission, submission_id)
        name = f"{submission.employee.employee_no} {label(submission.kind)}"
        refuse_if_referenced(session, "submission", submission_id, name)
        reverse_submission(session, submission_id, submission.kind)
        session.delete(submission)
        uow.commit()


def copy_submission_file_out(session: Session, submission_id: int, folder: Path) -> Path:
    """Write the attached file into `folder` under its original name (to open it); NoFile when there is none."""
    submission = get_or_raise(session, Submission, submission_id)
    if submission.file_id is None:
        raise NoFile()
    return copy_out(session, submission.file_id, Path(folder), submission.file_name or "file")


# ---- reading -----------------------------------------------------------------------------------


def submission_data(session: Session, submission_id: int) -> SubmissionData:
    s = get_or_raise(session, Submission, submission_id)
    return SubmissionData(
        s.id,
        s.session_id,
        s.employee_id,
        s.employee.employee_no,
        s.employee.name,
        s.kind,
        s.title,
        s.text,
        s.file_name,
        s.submitted_at,
    )


def _rows_query() -> Select[*tuple[Any, ...]]:
    attendance = and_(
        Attendance.session_id == Submission.session_id, Attendance.employee_id == Submission.employee_id
    )
    return (
        select(
            Submission.id,
            Submission.session_id,
            Submission.employee_id,
            Submission.kind,
            Submission.title,
            Submission.file_name,
            Submission.submitted_at,
            Submission.hr_score,
            Submission.head_score,
            Submission.excellent,
            Submission.adopted,
            Submission.published,
            Employee.employee_no,
            Employee.name,
            TrainingSession,
            Course.title,
            Attendance.status,
        )
        .join(Employee, Employee.id == Submission.employee_id)
        .join(TrainingSession, TrainingSession.id == Submission.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(Attendance, attendance)
    )


def _rows(session: Session, stmt: Select[*tuple[Any, ...]]) -> list[SubmissionRow]:
    rows: list[SubmissionRow] = []
    for r in session.execute(stmt):
        training: TrainingSession = r[14]
        due = due_date(training, r.kind)
        rows.append(
            SubmissionRow(
                id=r.id,
                session_id=r.session_id,
                session_code=training.code,
                course_title=r[15],
                employee_id=r.employee_id,
                employee_no=r.employee_no,
                name=r.name,
                kind=r.kind,
                title=r[4],
                file_name=r.file_name,
                submitted_at=r.submitted_at,
                due=due,
                on_time=is_on_time(r.submitted_at, due),
                hr_score=r.hr_score,
                head_score=r.head_score,
                final=final_score(r.hr_score, r.head_score),
                excellent=r.excellent,
                adopted=r.adopted,
                published=r.published,
                # Absent, excused or no sign-in at all: the person did not take part.
                not_attended=r.status not in ATTENDED,
            )
        )
    return rows


def submission_rows(session: Session, session_id: int) -> list[SubmissionRow]:
    """Every submission for the session, by 工号 and type."""
    stmt = (
        _rows_query()
        .where(Submission.session_id == session_id)
        .order_by(Employee.employee_no, Submission.kind)
    )
    return _rows(session, stmt)


def employee_submission_rows(session: Session, employee_id: int) -> list[SubmissionRow]:
    """Every submission of one person, oldest session first."""
    stmt = (
        _rows_query()
        .where(Submission.employee_id == employee_id)
        .order_by(TrainingSession.starts_at, TrainingSession.code, Submission.kind)
    )
    return _rows(session, stmt)


def every_submission_row(session: Session) -> list[SubmissionRow]:
    """All submissions, by session code, 工号 and type (the Excel export)."""
    stmt = _rows_query().order_by(TrainingSession.code, Employee.employee_no, Submission.kind)
    return _rows(session, stmt)


def _one_row(session: Session, submission_id: int) -> SubmissionRow:
    (row,) = _rows(session, _rows_query().where(Submission.id == submission_id))
    return row


# ---- Excel import ------------------------------------------------------------------------------


# Columns of the submissions sheet (excel/submissions.py) copied onto a Submission when in the file.
_IMPORTED = ("title", "submitted_at", "hr_score", "head_score", "excellent", "adopted", "published")


class SubmissionImporter(imports.RowImporter[KeyedValues]):
    """Rows keyed by (班次编号, 工号, 类型): created, or updated in the columns the file has."""

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        self.keys = SessionPersonKeys.load(session, rows)
        self.existing: dict[tuple[int, int, AssignmentType], Submission] = {
            (s.session_id, s.employee_id, s.kind): s
            for s in rows_of_sessions(session, Submission, self.keys.sessions.values())
        }

    def plan(self, row: SheetRow, problems: imports.RowProblems) -> KeyedValues | None:
        v = row.values
        ids = self.keys.ids(row, problems)
        kind: AssignmentType | None = v.get("kind")
        for key in ("hr_score", "head_score"):
            if v.get(key) is not None and (problem := validation.score_problem(v[key])):
                problems.add(row, key, problem)
        if kind is not None:
            current = self.existing.get((*ids, kind)) if ids else None
            adopted = v["adopted"] if "adopted" in v else bool(current and current.adopted)
            published = v["published"] if "published" in v else bool(current and current.published)
            if (flag := flag_problem(kind, adopted=adopted, published=published)) is not None:
                problems.add(row, flag[0], flag[1])
        if ids is None or kind is None or v.get("submitted_at") is None or problems.has_errors(row):
            return None
        values = {key: v[key] for key in _IMPORTED if key in v}
        if "title" in values:
            values["title"] = values["title"] or ""
        return KeyedValues((*ids, kind), values)

    def write(
        self, session: Session, plans: list[KeyedValues], progress: imports.Progress | None
    ) -> imports.Counts:
        def new(key: Any) -> Submission:
            session_id, employee_id, kind = key
            return Submission(session_id=session_id, employee_id=employee_id, kind=kind, text="")

        counts = write_keyed(session, self.existing, plans, new, progress)
        sync_awards(session, session_ids={plan.key[0] for plan in plans})
        return counts
