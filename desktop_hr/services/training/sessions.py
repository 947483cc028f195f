"""Training sessions (培训班次): create, edit, cancel, delete-if-unused, the sessions table, the page header
(the Excel import is session_import.py)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import NotFound
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    Course,
    Delivery,
    Employee,
    EmployeeStatus,
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
    TrainingSession,
)
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.lookup import contains_pattern, get_or_raise
from desktop_hr.services.points.awards import sync_awards
from desktop_hr.services.references import refuse_if_referenced
from desktop_hr.services.training.enrolment import Person, enrolled_count, fill_free_places, lock_session
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.trust.permissions import Permission, require
from desktop_hr.services.validation import score_problem

# Field keys of SessionData errors (FieldError.field), with their labels; zh labels are the Excel headers.
SESSION_FIELDS: dict[str, tuple[str, str]] = {
    "session.code": ("班次编号", "Session code"),
    "session.course": ("课程", "Course"),
    "session.starts_at": ("开始时间", "Start"),
    "session.ends_at": ("结束时间", "End"),
    "session.place": ("地点", "Place"),
    "session.trainer": ("讲师", "Trainer"),
    "session.external_trainer": ("外部讲师", "External trainer"),
    "session.capacity": ("容量", "Capacity"),
    "session.enrol_deadline": ("报名截止日期", "Enrolment deadline"),
    "session.assignment_type": ("作业类型", "Assignment type"),
    "session.assignment_due": ("作业截止日期", "Assignment due"),
    "session.pass_mark": ("及格分", "Pass mark"),
    "session.status": ("状态", "Status"),
    "session.note": ("备注", "Note"),
}
messages.define({f"field.{key}": pair for key, pair in SESSION_FIELDS.items()})
messages.define(
    {
        "session.reason.ends_before_start": ("应晚于开始时间 {start}", "must be after the start {start}"),
        "session.reason.capacity_min": (
            "至少为 1（不限人数请留空）",
            "must be at least 1 (blank: unlimited)",
        ),
        "session.reason.capacity_below_enrolled": (
            "容量 {capacity} 小于已报名人数 {enrolled}",
            "capacity {capacity} is below the {enrolled} people already enrolled",
        ),
        "session.reason.due_without_assignment": (
            "没有作业类型时不能填写作业截止日期",
            "there is no assignment type, so there can be no due date",
        ),
        "session.reason.due_before_end": (
            "不能早于班次结束日期 {end}",
            "cannot be before the session ends ({end})",
        ),
        "session.reason.deadline_after_start": (
            "不能晚于开始日期 {start}",
            "cannot be after the start date {start}",
        ),
        "session.reason.two_trainers": (
            "已有内部讲师，外部讲师应留空（两者只填一个）",
            "there is an internal trainer already; leave the external trainer blank (one or the other)",
        ),
        "session.reason.trainer_left": ("{name} 已离职", "{name} has left the company"),
        "session.reason.code_taken": ("已有这个班次编号", "another session has this code"),
    }
)

CODE_MAX = 32
PLACE_MAX = 200
EXTERNAL_MAX = 100
# The 作业类型 cell "无": no assignment (a value, unlike a blank cell which keeps nothing either).
NO_ASSIGNMENT = "none"


def field_text(key: str) -> str:
    return messages.text(f"field.{key}")


def _minutes(value: datetime) -> str:
    return value.isoformat(" ", "minutes")


@dataclass(frozen=True)
class SessionData:
    """Everything a clerk edits on one session, as plain values."""

    code: str
    course_id: int
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    trainer_id: int | None = None  # an internal trainer (an employee) ...
    external_trainer: str = ""  # ... or an external trainer's name
    capacity: int | None = None  # None: unlimited
    enrol_deadline: date | None = None
    assignment_type: AssignmentType | None = None  # None: 无
    assignment_due: date | None = None
    pass_mark: int | None = None
    status: SessionStatus = SessionStatus.PLANNED
    note: str = ""

    def cleaned(self) -> SessionData:
        return replace(
            self,
            code=validation.trim(self.code),
            place=validation.trim(self.place),
            external_trainer=validation.trim(self.external_trainer),
            note=self.note.strip(),
        )


_DATA_FIELDS = tuple(f.name for f in fields(SessionData))


@dataclass(frozen=True)
class TrainerState:
    """What the rules need to know about the chosen internal trainer."""

    name: str
    left: bool


def validate_session(
    data: SessionData, *, enrolled: int = 0, trainer: TrainerState | None = None
) -> list[FieldError]:
    """Every rule on one session: `enrolled` is how many hold a place now, `trainer` the chosen trainer
    when it is newly chosen (a session keeps the trainer it had, even after that person left)."""
    errors: list[FieldError] = []

    def bad(key: str, value: object, reason: str) -> None:
        shown = _minutes(value) if isinstance(value, datetime) else "" if value is None else str(value)
        errors.append(FieldError(key, shown, reason))

    if not data.code:
        bad("session.code", data.code, messages.text("reason.required"))
    elif len(data.code) > CODE_MAX:
        bad("session.code", data.code, messages.text("reason.too_long", limit=CODE_MAX))
    if data.ends_at <= data.starts_at:
        bad(
            "session.ends_at",
            data.ends_at,
            messages.text("session.reason.ends_before_start", start=_minutes(data.starts_at)),
        )
    if len(data.place) > PLACE_MAX:
        bad("session.place", data.place, messages.text("reason.too_long", limit=PLACE_MAX))
    if len(data.external_trainer) > EXTERNAL_MAX:
        bad(
            "session.external_trainer",
            data.external_trainer,
            messages.text("reason.too_long", limit=EXTERNAL_MAX),
        )
    if data.trainer_id is not None and data.external_trainer:
        bad(
            "session.external_trainer",
            data.external_trainer,
            messages.text("session.reason.two_trainers"),
        )
    if trainer is not None and trainer.left:
        bad("session.trainer", trainer.name, messages.text("session.reason.trainer_left", name=trainer.name))
    if data.capacity is not None:
        if data.capacity < 1:
            bad("session.capacity", data.capacity, messages.text("session.reason.capacity_min"))
        elif data.capacity < enrolled:
            bad(
                "session.capacity",
                data.capacity,
                messages.text(
                    "session.reason.capacity_below_enrolled", capacity=data.capacity, enrolled=enrolled
                ),
            )
    if data.enrol_deadline is not None and data.enrol_deadline > data.starts_at.date():
        bad(
            "session.enrol_deadline",
            data.enrol_deadline,
            messages.text("session.reason.deadline_after_start", start=data.starts_at.date().isoformat()),
        )
    if data.assignment_due is not None:
        if data.assignment_type is None:
            bad(
                "session.assignment_due",
                data.assignment_due,
                messages.text("session.reason.due_without_assignment"),
            )
        elif data.assignment_due < data.ends_at.date():
            bad(
                "session.assignment_due",
                data.assignment_due,
                messages.text("session.reason.due_before_end", end=data.ends_at.date().isoformat()),
            )
    if data.pass_mark is not None and (problem := score_problem(data.pass_mark)):
        bad("session.pass_mark", data.pass_mark, problem)
    return errors


def data_of(training: TrainingSession) -> SessionData:
    return SessionData(**{name: getattr(training, name) for name in _DATA_FIELDS})


def _trainer_state(session: Session, trainer_id: int | None, before: int | None) -> TrainerState | None:
    if trainer_id is None or trainer_id == before:
        return None
    employee = get_or_raise(session, Employee, trainer_id)
    return TrainerState(employee.name, employee.status is EmployeeStatus.LEFT)


def _check(session: Session, data: SessionData, training: TrainingSession | None) -> None:
    enrolled = enrolled_count(session, training.id) if training is not None else 0
    before_trainer = training.trainer_id if training is not None else None
    errors = validate_session(
        data, enrolled=enrolled, trainer=_trainer_state(session, data.trainer_id, before_trainer)
    )
    clash = session.scalar(select(TrainingSession.id).where(TrainingSession.code == data.code))
    if data.code and clash is not None and (training is None or clash != training.id):
        errors.append(FieldError("session.code", data.code, messages.text("session.reason.code_taken")))
    if session.get(Course, data.course_id) is None:
        errors.append(
            FieldError(
                "session.course",
                str(data.course_id),
                messages.text("not_found", what=table_label("course"), key=data.course_id),
            )
        )
    if errors:
        raise ValidationFailed(errors)


def apply_data(training: TrainingSession, data: SessionData) -> None:
    for name in _DATA_FIELDS:
        setattr(training, name, getattr(data, name))


# ---- use cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionChange:
    """Before and after of one edit, and who moved up from the waitlist because of it."""

    session_id: int
    before: SessionData
    after: SessionData
    moved_up: tuple[Person, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


def create_session(uow: UnitOfWork, data: SessionData) -> int:
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        _check(uow.session, data, None)
        training = TrainingSession()
        apply_data(training, data)
        uow.session.add(training)
        uow.session.flush()
        uow.commit()
        return training.id


def update_session(uow: UnitOfWork, session_id: int, data: SessionData) -> SessionChange:
    """Edit a session; a larger capacity moves waitlisted people up (named in the change)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        session = uow.session
        training = lock_session(session, session_id)
        before = data_of(training)
        _check(session, data, training)
        apply_data(training, data)
        session.flush()
        moved = fill_free_places(session, session_id)
        sync_awards(session, session_ids={session_id})  # trainer, course, dates
        uow.commit()
        return SessionChange(session_id, before, data, tuple(moved))


def set_status(uow: UnitOfWork, session_id: int, status: SessionStatus) -> SessionChange:
    """Planned, open (enrolment open), finished or cancelled; cancelling keeps every record of the session."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        training = lock_session(uow.session, session_id)
        before = data_of(training)
        training.status = status
        uow.commit()
        return SessionChange(session_id, before, replace(before, status=status))


def delete_session(uow: UnitOfWork, session_id: int) -> SessionData:
    """Delete a session entered by mistake, with its enrolment list; refused once anyone signed in,
    handed something in, took the exam or gave feedback (cancel the session instead)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        training = lock_session(session, session_id)
        refuse_if_referenced(
            session, "training_session", session_id, training.code, ignore=frozenset({"enrolment"})
        )
        data = data_of(training)
        for enrolment in session.scalars(select(Enrolment).where(Enrolment.session_id == session_id)):
            session.delete(enrolment)
        session.flush()
        session.delete(training)
        uow.commit()
        return data


def get_session(session: Session, session_id: int) -> SessionData:
    return data_of(get_or_raise(session, TrainingSession, session_id))


def next_session_code(session: Session, day: date) -> str:
    """A free code for a session on `day`: S2026-0315-01, then -02, ..."""
    prefix = f"S{day:%Y-%m%d}-"
    taken = session.scalars(select(TrainingSession.code).where(TrainingSession.code.startswith(prefix)))
    numbers = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


@dataclass(frozen=True)
class CourseChoice:
    id: int
    code: str
    title: str


def course_choices(session: Session, *, include: int | None = None) -> list[CourseChoice]:
    """Active courses by code for the session dialog; `include` adds a session's own (maybe inactive) course."""
    stmt = select(Course.id, Course.code, Course.title).order_by(Course.code)
    stmt = stmt.where(
        or_(Course.active.is_(True), Course.id == include) if include else Course.active.is_(True)
    )
    return [CourseChoice(*found) for found in session.execute(stmt)]


@dataclass(frozen=True)
class TrainerChoice:
    id: int
    employee_no: str
    name: str
    is_trainer: bool

    def label(self) -> str:
        return f"{self.employee_no} {self.name}"


def trainer_choices(session: Session) -> list[TrainerChoice]:
    """People who may teach: internal trainers (内训师) first, then anyone working here now, by 工号."""
    stmt = (
        select(Employee.id, Employee.employee_no, Employee.name, Employee.is_trainer)
        .where(Employee.status != EmployeeStatus.LEFT)
        .order_by(Employee.is_trainer.desc(), Employee.employee_no)
    )
    return [TrainerChoice(*found) for found in session.execute(stmt)]


# ---- the sessions table and the page header ------------------------------------------------------

COLUMNS: tuple[str, ...] = (
    "code",
    "course",
    "starts_at",
    "ends_at",
    "place",
    "trainer",
    "capacity",
    "enrolled",
    "waitlisted",
    "attended",
    "status",
)


@dataclass(frozen=True)
class SessionQuery:
    text: str = ""  # in the code, the course title or code, the place
    status: SessionStatus | None = None
    date_from: date | None = None  # the start day, inclusive
    date_to: date | None = None
    sort: str = "starts_at"  # a key of COLUMNS
    descending: bool = True


@dataclass(frozen=True)
class SessionRow:
    """One session with its course, trainer and head counts: a line of the table, or the page header."""

    id: int
    code: str
    course_id: int
    course_code: str
    course_title: str
    delivery: Delivery
    starts_at: datetime
    ends_at: datetime
    place: str
    trainer_id: int | None
    trainer_no: str
    external_trainer: str
    trainer: str  # the internal trainer's name or the external name
    capacity: int | None
    enrol_deadline: date | None
    assignment_type: AssignmentType | None
    assignment_due: date | None
    pass_mark: int | None
    status: SessionStatus
    note: str
    enrolled: int
    waitlisted: int
    attended: int

    @property
    def course(self) -> str:
        return self.course_title

    @property
    def free_places(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.enrolled, 0)

    def display(self, key: str) -> str:
        value = getattr(self, key)
        if value is None:
            return ""
        if isinstance(value, datetime):
            return _minutes(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, enum.Enum):
            return label(value)
        return str(value)


def _counts(model: Any, statuses: tuple[Any, ...], name: str) -> Any:
    return (
        select(model.session_id.label("session_id"), func.count().label("n"))
        .where(model.status.in_(statuses))
        .group_by(model.session_id)
        .subquery(name)
    )


def _rows_statement() -> tuple[Select[Any], dict[str, Any]]:
    enrolled = _counts(Enrolment, (EnrolmentStatus.ENROLLED,), "enrolled_counts")
    waiting = _counts(Enrolment, (EnrolmentStatus.WAITLISTED,), "waitlisted_counts")
    attended = _counts(Attendance, tuple(ATTENDED), "attended_counts")
    enrolled_n = func.coalesce(enrolled.c.n, 0)
    waiting_n = func.coalesce(waiting.c.n, 0)
    attended_n = func.coalesce(attended.c.n, 0)
    trainer_name = func.coalesce(Employee.name, TrainingSession.external_trainer)
    stmt = (
        select(
            TrainingSession,
            Course.code,
            Course.title,
            Course.delivery,
            Employee.employee_no,
            trainer_name,
            enrolled_n,
            waiting_n,
            attended_n,
        )
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(Employee, Employee.id == TrainingSession.trainer_id)
        .outerjoin(enrolled, enrolled.c.session_id == TrainingSession.id)
        .outerjoin(waiting, waiting.c.session_id == TrainingSession.id)
        .outerjoin(attended, attended.c.session_id == TrainingSession.id)
    )
    sort_columns = {
        "code": TrainingSession.code,
        "course": Course.title,
        "starts_at": TrainingSession.starts_at,
        "ends_at": TrainingSession.ends_at,
        "place": TrainingSession.place,
        "trainer": trainer_name,
        "capacity": TrainingSession.capacity,
        "enrolled": enrolled_n,
        "waitlisted": waiting_n,
        "attended": attended_n,
        "status": TrainingSession.status,
    }
    return stmt, sort_columns


def _row(found: Any) -> SessionRow:
    training, course_code, title, delivery, trainer_no, trainer, enrolled, waiting, attended = found
    return SessionRow(
        id=training.id,
        code=training.code,
        course_id=training.course_id,
        course_code=course_code,
        course_title=title,
        delivery=delivery,
        starts_at=training.starts_at,
        ends_at=training.ends_at,
        place=training.place,
        trainer_id=training.trainer_id,
        trainer_no=trainer_no or "",
        external_trainer=training.external_trainer,
        trainer=trainer or "",
        capacity=training.capacity,
        enrol_deadline=training.enrol_deadline,
        assignment_type=training.assignment_type,
        assignment_due=training.assignment_due,
        pass_mark=training.pass_mark,
        status=training.status,
        note=training.note,
        enrolled=int(enrolled),
        waitlisted=int(waiting),
        attended=int(attended),
    )


def session_rows(session: Session, query: SessionQuery) -> list[SessionRow]:
    """The sessions table, filtered and sorted in SQL, head counts from grouped subqueries (one query)."""
    stmt, sort_columns = _rows_statement()
    text = query.text.strip()
    if text:
        like = contains_pattern(text)
        stmt = stmt.where(
            or_(
                TrainingSession.code.ilike(like, escape="\\"),
                Course.title.ilike(like, escape="\\"),
                Course.code.ilike(like, escape="\\"),
                TrainingSession.place.ilike(like, escape="\\"),
            )
        )
    if query.status is not None:
        stmt = stmt.where(TrainingSession.status == query.status)
    if query.date_from is not None:
        stmt = stmt.where(TrainingSession.starts_at >= datetime.combine(query.date_from, time()))
    if query.date_to is not None:
        stmt = stmt.where(
            TrainingSession.starts_at < datetime.combine(query.date_to + timedelta(days=1), time())
        )
    column = sort_columns.get(query.sort, TrainingSession.starts_at)
    order = column.desc() if query.descending else column.asc()
    tie = TrainingSession.code.desc() if query.descending else TrainingSession.code.asc()
    stmt = stmt.order_by(order.nulls_last(), tie)
    return [_row(found) for found in session.execute(stmt)]


def session_summary(session: Session, session_id: int) -> SessionRow:
    """One session's header line: course, time, place, trainer, capacity, head counts, status."""
    stmt, _sort = _rows_statement()
    found = session.execute(stmt.where(TrainingSession.id == session_id)).first()
    if found is None:
        raise NotFound(what=table_label("training_session"), key=session_id)
    return _row(found)
