"""Sign-in (签到): the kiosk's scans, the clerk's grid, late against the start and the grace (the Excel import
is attendance_import.py; the kiosk's and the typed line's sign-in by 工号 is sign_in.py). A sign-in time the
grid gives outside the session's window (sign_in_window.py) is written only as a correction with a reason.

Times are naive local wall-clock times and count in whole minutes, as the grid and the kiosk show them:
someone who scans at 09:00:40 for a 09:00 start is on time (the screen says 09:00).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork, actor_of
from desktop_hr.errors import DomainError, NotFound
from desktop_hr.models import (
    Attendance,
    AttendanceStatus,
    Course,
    Delivery,
    Department,
    Employee,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    SessionStatus,
    SignInMethod,
    TrainingSession,
)
from desktop_hr.services.labels import table_label
from desktop_hr.services.office_settings import grace_minutes
from desktop_hr.services.points.awards import sync_awards
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.training.sign_in_window import (
    CorrectionNeeded,
    SignInWindow,
    note_correction,
    office_window,
)
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "not_enrolled": (
            "工号 {employee_no} {name} 未报名本班次",
            "Employee no. {employee_no} ({name}) is not enrolled in this session",
        ),
    }
)


class NotEnrolled(DomainError):
    """Sign-in for someone who is not enrolled: the kiosk refuses, the grid asks whether to enrol them."""

    code = "not_enrolled"


@dataclass(frozen=True)
class AttendanceMark:
    """One person's sign-in for one session, as stored."""

    status: AttendanceStatus
    signed_in_at: datetime | None = None
    method: SignInMethod = SignInMethod.GRID


@dataclass(frozen=True)
class AttendanceChange:
    """What a grid action did to one person: before and after (None: no sign-in row), for undo."""

    employee_id: int
    before: AttendanceMark | None
    after: AttendanceMark | None


@dataclass(frozen=True)
class AttendanceRow:
    """A line of the sign-in grid: everyone enrolled, and anyone else with a sign-in."""

    employee_id: int
    employee_no: str
    name: str
    department: str
    status: AttendanceStatus | None
    signed_in_at: datetime | None
    method: SignInMethod | None
    enrolled: bool


@dataclass(frozen=True)
class AttendanceCounts:
    enrolled: int
    by_status: dict[AttendanceStatus, int]
    unmarked: int  # enrolled people with no sign-in row yet

    @property
    def attended(self) -> int:
        """Present, late or completed: the kiosk's "signed in" count."""
        return sum(self.by_status.get(s, 0) for s in ATTENDED)


@dataclass(frozen=True)
class SessionHeading:
    """What the kiosk and the grid show about the session above the people."""

    id: int
    code: str
    course_title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    delivery: Delivery
    status: SessionStatus


# ---- the rule -----------------------------------------------------------------------------------


def status_for(starts_at: datetime, signed_in_at: datetime, grace_minutes: int) -> AttendanceStatus:
    """Late iff the sign-in's minute is after start + grace; exactly start + grace is on time."""
    shown = signed_in_at.replace(second=0, microsecond=0)
    if shown > starts_at + timedelta(minutes=grace_minutes):
        return AttendanceStatus.LATE
    return AttendanceStatus.PRESENT


def arrival_status(
    delivery: Delivery, starts_at: datetime, signed_in_at: datetime, grace: int
) -> AttendanceStatus:
    """Online courses are completed, not attended on time or late."""
    if delivery is Delivery.ONLINE:
        return AttendanceStatus.COMPLETED
    return status_for(starts_at, signed_in_at, grace)


def clean_employee_no(text: str) -> str:
    """As typed or scanned: full-width digits from a Chinese input method mean the same number."""
    return unicodedata.normalize("NFKC", text).strip()


# ---- reading ----------------------------------------------------------------------------------


def sign_in_window(session: Session, heading: SessionHeading) -> SignInWindow:
    return office_window(
        session,
        heading.code,
        heading.course_title,
        delivery=heading.delivery,
        starts_at=heading.starts_at,
        ends_at=heading.ends_at,
    )


def session_heading(session: Session, session_id: int) -> SessionHeading:
    found = session.execute(
        select(TrainingSession, Course.title, Course.delivery)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(TrainingSession.id == session_id)
    ).one_or_none()
    if found is None:
        raise NotFound(what=table_label("training_session"), key=session_id)
    ts, title, delivery = found
    return SessionHeading(ts.id, ts.code, title, ts.starts_at, ts.ends_at, ts.place, delivery, ts.status)


def attendance_rows(session: Session, session_id: int) -> list[AttendanceRow]:
    """Everyone enrolled plus anyone with a sign-in row, by 工号, in one query."""
    people = union(
        select(Enrolment.employee_id).where(
            Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.ENROLLED
        ),
        select(Attendance.employee_id).where(Attendance.session_id == session_id),
    ).subquery()
    stmt = (
        select(
            Employee.id,
            Employee.employee_no,
            Employee.name,
            Department.name,
            Attendance.status,
            Attendance.signed_in_at,
            Attendance.method,
            Enrolment.status,
        )
        .join(people, people.c.employee_id == Employee.id)
        .outerjoin(Department, Department.id == Employee.department_id)
        .outerjoin(
            Attendance, (Attendance.employee_id == Employee.id) & (Attendance.session_id == session_id)
        )
        .outerjoin(Enrolment, (Enrolment.employee_id == Employee.id) & (Enrolment.session_id == session_id))
        .order_by(Employee.employee_no)
    )
    return [
        AttendanceRow(
            employee_id=employee_id,
            employee_no=no,
            name=name,
            department=department or "",
            status=status,
            signed_in_at=signed_in_at,
            method=method,
            enrolled=enrolment is EnrolmentStatus.ENROLLED,
        )
        for employee_id, no, name, department, status, signed_in_at, method, enrolment in session.execute(
            stmt
        )
    ]


def attendance_counts(session: Session, session_id: int) -> AttendanceCounts:
    by_status = {
        status: count
        for status, count in session.execute(
            select(Attendance.status, func.count())
            .where(Attendance.session_id == session_id)
            .group_by(Attendance.status)
        )
    }
    enrolled = select(Enrolment.employee_id).where(
        Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.ENROLLED
    )
    total = session.scalar(select(func.count()).select_from(enrolled.subquery())) or 0
    unmarked = (
        session.scalar(
            select(func.count()).select_from(
                enrolled.where(
                    ~select(Attendance.id)
                    .where(
                        Attendance.session_id == session_id, Attendance.employee_id == Enrolment.employee_id
                    )
                    .exists()
                ).subquery()
            )
        )
        or 0
    )
    return AttendanceCounts(enrolled=total, by_status=by_status, unmarked=unmarked)


# ---- writing ------------------------------------------------------------------------------------


def enrolment_status(session: Session, session_id: int, employee_id: int) -> EnrolmentStatus | None:
    return session.scalar(
        select(Enrolment.status).where(
            Enrolment.session_id == session_id, Enrolment.employee_id == employee_id
        )
    )


def attendance_of(session: Session, session_id: int, employee_id: int) -> Attendance | None:
    return session.scalar(
        select(Attendance).where(Attendance.session_id == session_id, Attendance.employee_id == employee_id)
    )


# ---- writing: the grid --------------------------------------------------------------------------


def mark_of(row: Attendance | None) -> AttendanceMark | None:
    return None if row is None else AttendanceMark(row.status, row.signed_in_at, row.method)


def put_mark(
    session: Session,
    session_id: int,
    employee_id: int,
    mark: AttendanceMark | None,
    *,
    existing: Attendance | None,
) -> Attendance | None:
    """Make the stored sign-in `mark` (None: remove it); the row it is in."""
    if mark is None:
        if existing is not None:
            session.delete(existing)
        return None
    if existing is None:
        existing = Attendance(session_id=session_id, employee_id=employee_id)
        session.add(existing)
    existing.status = mark.status
    existing.signed_in_at = mark.signed_in_at
    existing.method = mark.method
    existing.recorded_by = actor_of(session)
    return existing


def _enrol(session: Session, session_id: int, employee_id: int) -> None:
    """Enrol on the spot (a waitlisted or cancelled enrolment becomes enrolled): the person is here."""
    enrolment = session.scalar(
        select(Enrolment).where(Enrolment.session_id == session_id, Enrolment.employee_id == employee_id)
    )
    if enrolment is None:
        enrolment = Enrolment(session_id=session_id, employee_id=employee_id, source=EnrolmentSource.HR)
        session.add(enrolment)
    enrolment.status = EnrolmentStatus.ENROLLED


def _require_enrolled(
    session: Session, session_id: int, employee_ids: Iterable[int], *, allow_unenrolled: bool
) -> None:
    for employee_id in employee_ids:
        if enrolment_status(session, session_id, employee_id) is EnrolmentStatus.ENROLLED:
            continue
        if allow_unenrolled:
            _enrol(session, session_id, employee_id)
            continue
        person = session.get(Employee, employee_id)
        if person is None:
            raise NotFound(what=table_label("employee"), key=employee_id)
        raise NotEnrolled(employee_no=person.employee_no, name=person.name, employee_id=employee_id)


def _grid_mark(
    heading: SessionHeading,
    grace: int,
    existing: AttendanceMark | None,
    status: AttendanceStatus | None,
    signed_in_at: datetime | None,
) -> AttendanceMark:
    """The clerk's mark. No status: decided by the time. A status without a time keeps the stored time
    of someone who came (the kiosk's), and drops it for absent or excused."""
    if status is None:
        if signed_in_at is None:
            raise ValueError("a mark needs a status or a sign-in time")
        status = arrival_status(heading.delivery, heading.starts_at, signed_in_at, grace)
    if signed_in_at is None and status in ATTENDED and existing is not None:
        signed_in_at = existing.signed_in_at
    return AttendanceMark(status, signed_in_at, SignInMethod.GRID)


def _correction_for(
    session: Session,
    heading: SessionHeading,
    status: AttendanceStatus | None,
    signed_in_at: datetime | None,
    reason: str,
) -> str:
    """The reason to record when the grid's time is outside the window ("" when inside or no time);
    CorrectionNeeded when it is outside and no reason was given."""
    if signed_in_at is None or (status is not None and status not in ATTENDED):
        return ""  # a status alone (from the paper sheet) or an absence carries no sign-in time to check
    window = sign_in_window(session, heading)
    if window.admits(signed_in_at):
        return ""
    if not reason.strip():
        raise CorrectionNeeded(problem=window.problem(signed_in_at))
    return reason.strip()


def mark_attendance(
    uow: UnitOfWork,
    session_id: int,
    employee_ids: Sequence[int],
    status: AttendanceStatus | None,
    signed_in_at: datetime | None = None,
    *,
    allow_unenrolled: bool = False,
    correction_reason: str = "",
) -> list[AttendanceChange]:
    """Mark several people at once (the grid's selected rows), in one transaction.

    NotEnrolled (nothing written) for the first person not enrolled unless `allow_unenrolled`, which
    enrols them first. An explicit mark replaces whatever was there, a kiosk time included. A sign-in
    time outside the session's window is refused (CorrectionNeeded, nothing written) unless a
    `correction_reason` is given, which goes into the audit trail with the marks.
    """
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        heading = session_heading(session, session_id)
        reason = _correction_for(session, heading, status, signed_in_at, correction_reason)
        _require_enrolled(session, session_id, employee_ids, allow_unenrolled=allow_unenrolled)
        grace = grace_minutes(session)
        changes: list[AttendanceChange] = []
        for employee_id in dict.fromkeys(employee_ids):
            row = attendance_of(session, session_id, employee_id)
            before = mark_of(row)
            after = _grid_mark(heading, grace, before, status, signed_in_at)
            row = put_mark(session, session_id, employee_id, after, existing=row)
            changes.append(AttendanceChange(employee_id, before, after))
            if reason:
                person = session.get(Employee, employee_id)
                assert person is not None and row is not None  # enrolled (checked above), just marked
                session.flush()
                note_correction(
                    session,
                    record_id=row.id,
                    session_code=heading.code,
                    employee_no=person.employee_no,
                    name=person.name,
                    status=after.status,
                    at=after.signed_in_at,
                    before=before.status if before is not None else None,
                    reason=reason,
                )
        sync_awards(session, session_ids={session_id})
        uow.commit()
    return changes


def set_attendance(
    uow: UnitOfWork,
    session_id: int,
    employee_id: int,
    status: AttendanceStatus | None,
    signed_in_at: datetime | None = None,
    *,
    allow_unenrolled: bool = False,
    correction_reason: str = "",
) -> AttendanceChange:
    """One person's mark from the grid: see mark_attendance."""
    (change,) = mark_attendance(
        uow,
        session_id,
        [employee_id],
        status,
        signed_in_at,
        allow_unenrolled=allow_unenrolled,
        correction_reason=correction_reason,
    )
    return change


def clear_marks(uow: UnitOfWork, session_id: int, employee_ids: Sequence[int]) -> list[AttendanceChange]:
    """Remove mistaken marks (the grid's selected rows) in one transaction; the changes serve undo."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        changes: list[AttendanceChange] = []
        for employee_id in dict.fromkeys(employee_ids):
            row = attendance_of(session, session_id, employee_id)
            changes.append(AttendanceChange(employee_id, mark_of(row), None))
            put_mark(session, session_id, employee_id, None, existing=row)
        sync_awards(session, session_ids={session_id})
        uow.commit()
    return changes


def clear_attendance(uow: UnitOfWork, session_id: int, employee_id: int) -> AttendanceMark | None:
    """Remove one mistaken mark; returns what was there (for undo), None if nothing was."""
    (change,) = clear_marks(uow, session_id, [employee_id])
    return change.before


def restore_marks(
    uow: UnitOfWork,
    session_id: int,
    marks: Mapping[int, AttendanceMark | None],
) -> None:
    """Put these marks back exactly as they were (undo and redo); None removes the sign-in row.
    Enrolments made along the way stay."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        for employee_id, mark in marks.items():
            row = attendance_of(session, session_id, employee_id)
            put_mark(session, session_id, employee_id, mark, existing=row)
        sync_awards(session, session_ids={session_id})
        uow.commit()


def mark_all_present(uow: UnitOfWork, session_id: int, at: datetime | None = None) -> list[AttendanceChange]:
    """Everyone enrolled and not yet marked is present (completed, online) with `at` as their time."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        heading = session_heading(session, session_id)
        status = (
            AttendanceStatus.COMPLETED if heading.delivery is Delivery.ONLINE else AttendanceStatus.PRESENT
        )
        unmarked = session.scalars(
            select(Enrolment.employee_id)
            .where(Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.ENROLLED)
            .where(
                ~select(Attendance.id)
                .where(Attendance.session_id == session_id, Attendance.employee_id == Enrolment.employee_id)
                .exists()
            )
            .order_by(Enrolment.employee_id)
        ).all()
        mark = AttendanceMark(status, at, SignInMethod.GRID)
        for employee_id in unmarked:
            put_mark(session, session_id, employee_id, mark, existing=None)
        sync_awards(session, session_ids={session_id})
        uow.commit()
    return [AttendanceChange(employee_id, None, mark) for employee_id in unmarked]
