"""Enrolment (报名): one by one, by department or by filter; capacity, deadline and a waitlist that moves up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError, NotFound
from desktop_hr.models import (
    Employee,
    EmployeeStatus,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    SessionStatus,
    TrainingSession,
)
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.imports import chunks
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "enrol.reason.left": ("已离职", "has left the company"),
        "enrol.reason.deadline": ("报名已于 {deadline} 截止", "enrolment closed on {deadline}"),
        "enrol.reason.session_closed": ("班次{status}，不能报名", "the session is {status}; no enrolment"),
        "enrol.summary": (
            "已报名 {enrolled} 人，候补 {waitlisted} 人，原已在名单中 {already} 人",
            "{enrolled} enrolled, {waitlisted} waitlisted, {already} already on the list",
        ),
        "enrol.summary_refused": ("未能报名 {count} 人：", "{count} could not be enrolled:"),
        "enrol.refusal": ("{who}：{reason}", "{who}: {reason}"),
        "enrol.not_enrolled": (
            "{who} 没有报名班次 {code}（或已取消）",
            "{who} is not enrolled in session {code} (or was cancelled already)",
        ),
        "enrol.cancelled": ("已取消 {who} 的报名。", "Cancelled the enrolment of {who}."),
        "enrol.moved_up": ("候补递补：{names}", "Moved up from the waitlist: {names}"),
    }
)

# Whom "by department" enrols: people who work here now.
CURRENT_STATUSES = frozenset({EmployeeStatus.ACTIVE, EmployeeStatus.PROBATION})
SHOWN_REFUSALS = 10


@dataclass(frozen=True)
class Person:
    """Someone on a session's list (enrolled, waitlisted, refused), for messages and pickers."""

    employee_id: int
    employee_no: str
    name: str

    def label(self) -> str:
        return f"{self.employee_no} {self.name}"


@dataclass(frozen=True)
class Refusal:
    person: Person
    reason: str  # localised


@dataclass(frozen=True)
class EnrolResult:
    """Who got a place, who waits (in waitlist order), who was on the list already, who was refused and why."""

    enrolled: tuple[Person, ...] = ()
    waitlisted: tuple[Person, ...] = ()
    already: tuple[Person, ...] = ()
    refused: tuple[Refusal, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.enrolled or self.waitlisted)

    def summary(self) -> str:
        lines = [
            messages.text(
                "enrol.summary",
                enrolled=len(self.enrolled),
                waitlisted=len(self.waitlisted),
                already=len(self.already),
            )
        ]
        if self.refused:
            lines.append(messages.text("enrol.summary_refused", count=len(self.refused)))
            lines += [
                messages.text("enrol.refusal", who=r.person.label(), reason=r.reason)
                for r in self.refused[:SHOWN_REFUSALS]
            ]
            if len(self.refused) > SHOWN_REFUSALS:
                lines.append(messages.text("import.more_errors", count=len(self.refused) - SHOWN_REFUSALS))
        return "\n".join(lines)


@dataclass(frozen=True)
class CancelResult:
    cancelled: Person
    moved_up: tuple[Person, ...]  # from the waitlist into the freed place

    def summary(self) -> str:
        lines = [messages.text("enrol.cancelled", who=self.cancelled.label())]
        if self.moved_up:
            lines.append(moved_up_text(self.moved_up))
        return "\n".join(lines)


def moved_up_text(people: Sequence[Person]) -> str:
    return messages.text("enrol.moved_up", names="、".join(p.label() for p in people))


class NothingToCancel(DomainError):
    """Cancelling an enrolment that does not exist or was cancelled already."""

    code = "enrol.not_enrolled"


# ---- the shared rules ---------------------------------------------------------------------------


def lock_session(session: Session, session_id: int) -> TrainingSession:
    """The session row, locked against the other clerk until commit (SQLite: BEGIN IMMEDIATE already did)."""
    found = session.scalar(select(TrainingSession).where(TrainingSession.id == session_id).with_for_update())
    if found is None:
        raise NotFound(what=table_label("training_session"), key=session_id)
    return found


def enrolled_count(session: Session, session_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Enrolment)
            .where(Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.ENROLLED)
        )
        or 0
    )


def session_people(session: Session, session_id: int) -> list[Person]:
    """The people enrolled (not waitlisted or cancelled) in the session, by 工号."""
    stmt = (
        select(Employee.id, Employee.employee_no, Employee.name)
        .join(Enrolment, Enrolment.employee_id == Employee.id)
        .where(Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.ENROLLED)
        .order_by(Employee.employee_no)
    )
    return [Person(row_id, no, name) for row_id, no, name in session.execute(stmt)]


def _waiting_order() -> tuple[Any, ...]:
    return (Enrolment.requested_at, Enrolment.id)


def fill_free_places(session: Session, session_id: int) -> list[Person]:
    """Move the first waitlisted people into free places (after a cancellation or a larger capacity).

    Runs inside the caller's transaction, which holds the session row's lock.
    """
    training = get_or_raise(session, TrainingSession, session_id)
    waiting_stmt = (
        select(Enrolment, Employee.employee_no, Employee.name)
        .join(Employee, Employee.id == Enrolment.employee_id)
        .where(Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.WAITLISTED)
        .order_by(*_waiting_order())
    )
    if training.capacity is not None:
        free = training.capacity - enrolled_count(session, session_id)
        if free <= 0:
            return []
        waiting_stmt = waiting_stmt.limit(free)
    moved: list[Person] = []
    for enrolment, number, name in session.execute(waiting_stmt):
        enrolment.status = EnrolmentStatus.ENROLLED
        moved.append(Person(enrolment.employee_id, number, name))
    session.flush()
    return moved


def _closed_reason(training: TrainingSession, today: date) -> str | None:
    if training.status in (SessionStatus.CANCELLED, SessionStatus.FINISHED):
        return messages.text("enrol.reason.session_closed", status=label(training.status))
    if training.enrol_deadline is not None and today > training.enrol_deadline:
        return messages.text("enrol.reason.deadline", deadline=training.enrol_deadline.isoformat())
    return None


def _enrol_in_session(
    session: Session,
    session_id: int,
    employee_ids: Iterable[int],
    *,
    source: EnrolmentSource,
    today: date,
    now: datetime | None,
) -> EnrolResult:
    training = lock_session(session, session_id)
    wanted = list(dict.fromkeys(employee_ids))  # request order, each person once
    people: dict[int, tuple[Person, EmployeeStatus]] = {}
    existing: dict[int, Enrolment] = {}
    for part in chunks(wanted):
        for emp_id, number, name, status in session.execute(
            select(Employee.id, Employee.employee_no, Employee.name, Employee.status).where(
                Employee.id.in_(part)
            )
        ):
            people[emp_id] = (Person(emp_id, number, name), status)
        existing.update(
            (e.employee_id, e)
            for e in session.scalars(
                select(Enrolment).where(Enrolment.session_id == session_id, Enrolment.employee_id.in_(part))
            )
        )
    if missing := [i for i in wanted if i not in people]:
        raise NotFound(what=table_label("employee"), key=missing[0])

    closed = _closed_reason(training, today)
    # Nobody may overtake the waitlist: places freed earlier go to those waiting first.
    fill_free_places(session, session_id)
    has_queue = bool(
        session.scalar(
            select(func.count())
            .select_from(Enrolment)
            .where(Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.WAITLISTED)
        )
    )
    free = None if training.capacity is None else training.capacity - enrolled_count(session, session_id)
    start = now or datetime.now()
    enrolled: list[Person] = []
    waitlisted: list[Person] = []
    already: list[Person] = []
    refused: list[Refusal] = []
    for order, emp_id in enumerate(wanted):
        person, status = people[emp_id]
        current = existing.get(emp_id)
        if current is not None and current.status is not EnrolmentStatus.CANCELLED:
            already.append(person)
            continue
        if closed is not None:
            refused.append(Refusal(person, closed))
            continue
        if status is EmployeeStatus.LEFT:
            refused.append(Refusal(person, messages.text("enrol.reason.left")))
            continue
        gets_place = not has_queue and (free is None or free > 0)
        new_status = EnrolmentStatus.ENROLLED if gets_place else EnrolmentStatus.WAITLISTED
        if gets_place:
            enrolled.append(person)
            if free is not None:
                free -= 1
        else:
            waitlisted.append(person)
            has_queue = True
        # A microsecond apart: the waitlist keeps the order of this request even within one call.
        requested_at = start + timedelta(microseconds=order)
        if current is not None:  # cancelled before: the same row comes back, at the end of the queue
            current.status = new_status
            current.source = source
            current.requested_at = requested_at
        else:
            session.add(
                Enrolment(
                    session_id=session_id,
                    employee_id=emp_id,
                    status=new_status,
                    source=source,
                    requested_at=requested_at,
                )
            )
    session.flush()
    return EnrolResult(tuple(enrolled), tuple(waitlisted), tuple(already), tuple(refused))


# ---- use cases ---------------------------------------------------------------------------------


def _enrol(
    uow: UnitOfWork,
    session_id: int,
    who: list[int] | EmployeeQuery,
    *,
    source: EnrolmentSource,
    today: date,
    now: datetime | None,
) -> EnrolResult:
    require(uow.principal, Permission.NOMINATE)
    with uow:
        session = uow.session
        # A filter is resolved inside the transaction, so it sees what the enrolment then writes against.
        ids = employee_ids(session, who) if isinstance(who, EmployeeQuery) else who
        result = _enrol_in_session(session, session_id, ids, source=source, today=today, now=now)
        uow.commit()
        return result


def enrol(
    uow: UnitOfWork,
    session_id: int,
    employee_ids: Iterable[int],
    *,
    source: EnrolmentSource = EnrolmentSource.HR,
    today: date,
    now: datetime | None = None,
) -> EnrolResult:
    """Enrol people in request order: places while they last, then the waitlist; refusals say why."""
    return _enrol(uow, session_id, list(employee_ids), source=source, today=today, now=now)


def enrol_matching(
    uow: UnitOfWork,
    session_id: int,
    query: EmployeeQuery,
    *,
    source: EnrolmentSource = EnrolmentSource.HR,
    today: date,
    now: datetime | None = None,
) -> EnrolResult:
    """Everyone the employees table's filter `query` shows, in its order."""
    return _enrol(uow, session_id, query, source=source, today=today, now=now)


def enrol_department(
    uow: UnitOfWork,
    session_id: int,
    department_id: int,
    *,
    source: EnrolmentSource = EnrolmentSource.HR,
    today: date,
    now: datetime | None = None,
) -> EnrolResult:
    """The people working in the department and every department under it (active and probation)."""
    query = EmployeeQuery(department_id=department_id, statuses=CURRENT_STATUSES)
    return enrol_matching(uow, session_id, query, source=source, today=today, now=now)


def cancel_enrolment(uow: UnitOfWork, session_id: int, employee_id: int) -> CancelResult:
    """Cancel one enrolment (the row stays, marked cancelled); a freed place goes to the first waiting."""
    require(uow.principal, Permission.NOMINATE)
    with uow:
        session = uow.session
        training = lock_session(session, session_id)
        employee = get_or_raise(session, Employee, employee_id)
        person = Person(employee.id, employee.employee_no, employee.name)
        enrolment = session.scalar(
            select(Enrolment).where(Enrolment.session_id == session_id, Enrolment.employee_id == employee_id)
        )
        if enrolment is None or enrolment.status is EnrolmentStatus.CANCELLED:
            raise NothingToCancel(who=person.label(), code=training.code)
        enrolment.status = EnrolmentStatus.CANCELLED
        session.flush()
        moved = fill_free_places(session, session_id)
        uow.commit()
        return CancelResult(person, tuple(moved))


# ---- the enrolment list --------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrolmentRow:
    enrolment_id: int
    employee_id: int
    employee_no: str
    name: str
    department: str
    employee_status: EmployeeStatus
    status: EnrolmentStatus
    source: EnrolmentSource
    requested_at: datetime
    waitlist_position: int | None  # 1 = next to move up


_STATUS_ORDER = {EnrolmentStatus.ENROLLED: 0, EnrolmentStatus.WAITLISTED: 1, EnrolmentStatus.CANCELLED: 2}


def enrolment_rows(session: Session, session_id: int) -> list[EnrolmentRow]:
    """Everyone on the session's list: enrolled (by 工号), then the waitlist in order, then cancelled."""
    paths = department_paths(session)
    stmt = (
        select(
            Enrolment.id,
            Enrolment.employee_id,
            Employee.employee_no,
            Employee.name,
            Employee.department_id,
            Employee.status,
            Enrolment.status,
            Enrolment.source,
            Enrolment.requested_at,
        )
        .join(Employee, Employee.id == Enrolment.employee_id)
        .where(Enrolment.session_id == session_id)
        .order_by(*_waiting_order())
    )
    rows: list[EnrolmentRow] = []
    position = 0
    for row_id, emp_id, number, name, dept_id, emp_status, status, source, requested in session.execute(stmt):
        waiting = None
        if status is EnrolmentStatus.WAITLISTED:
            position += 1
            waiting = position
        department = paths.get(dept_id, "") if dept_id is not None else ""
        rows.append(
            EnrolmentRow(
                row_id, emp_id, number, name, department, emp_status, status, source, requested, waiting
            )
        )
    rows.sort(
        key=lambda r: (
            _STATUS_ORDER[r.status],
            r.waitlist_position or 0,
            r.employee_no if r.status is not EnrolmentStatus.WAITLISTED else "",
        )
    )
    return rows
