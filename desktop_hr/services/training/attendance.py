"""Sign-in (签到): the kiosk's scans, the clerk's grid, late against the start and the grace, and the Excel import.

Times are naive local wall-clock times and count in whole minutes, as the grid and the kiosk show them:
someone who scans at 09:00:40 for a 09:00 start is on time (the screen says 09:00).
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, union, update
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError, NotFound
from desktop_hr.excel.reader import SheetRow
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
from desktop_hr.models.base import utcnow
from desktop_hr.services import imports
from desktop_hr.services.imports import SessionPersonKeys, chunks
from desktop_hr.services.labels import table_label
from desktop_hr.services.office_settings import grace_minutes
from desktop_hr.services.points.awards import sync_awards
from desktop_hr.services.training.facts import ATTENDED

messages.define(
    {
        "not_enrolled": (
            "工号 {employee_no} {name} 未报名本班次",
            "Employee no. {employee_no} ({name}) is not enrolled in this session",
        ),
        "reason.session_cancelled": ("该班次已取消", "this session is cancelled"),
        "reason.sign_in_time_needed": (
            "状态为空时须填写签到时间（据此判断出勤或迟到）",
            "needed when 状态 is blank (it decides present or late)",
        ),
        "import.warn.enrolled_by_import": (
            "{count} 人原未报名对应班次，已随签到一并登记为已报名",
            "{count} people were not enrolled in their session; they were enrolled along with the sign-in",
        ),
    }
)


class NotEnrolled(DomainError):
    """Sign-in for someone who is not enrolled: the kiosk refuses, the grid asks whether to enrol them."""

    code = "not_enrolled"


class SignInKind(enum.Enum):
    SIGNED_IN = "signed_in"
    LATE = "late"
    ALREADY = "already"  # signed in before: the first time stands, nothing written
    NOT_ENROLLED = "not_enrolled"
    UNKNOWN_NO = "unknown_no"
    SESSION_CLOSED = "session_closed"  # cancelled


@dataclass(frozen=True)
class AttendanceMark:
    """One person's sign-in for one session, as stored."""

    status: AttendanceStatus
    signed_in_at: datetime | None = None
    method: SignInMethod = SignInMethod.GRID


@dataclass(frozen=True)
class SignInOutcome:
    """What a scan did, for the kiosk to show at once. `signed_in_at` is the first sign-in's time."""

    kind: SignInKind
    employee_no: str
    employee_id: int | None = None
    employee_name: str = ""
    status: AttendanceStatus | None = None
    signed_in_at: datetime | None = None
    replaced: AttendanceMark | None = None  # an absent or excused mark this sign-in overwrote (for undo)

    @property
    def accepted(self) -> bool:
        return self.kind in (SignInKind.SIGNED_IN, SignInKind.LATE, SignInKind.ALREADY)


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


def _arrival_status(
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


# ---- writing: the kiosk -----------------------------------------------------------------------


def _enrolment_status(session: Session, session_id: int, employee_id: int) -> EnrolmentStatus | None:
    return session.scalar(
        select(Enrolment.status).where(
            Enrolment.session_id == session_id, Enrolment.employee_id == employee_id
        )
    )


def _attendance(session: Session, session_id: int, employee_id: int) -> Attendance | None:
    return session.scalar(
        select(Attendance).where(Attendance.session_id == session_id, Attendance.employee_id == employee_id)
    )


def record_sign_in(
    uow: UnitOfWork,
    session_id: int,
    employee_no: str,
    at: datetime,
    *,
    method: SignInMethod = SignInMethod.KIOSK,
    actor: str | None = None,
) -> SignInOutcome:
    """A scan or a typed 工号 at `at`. Refusals (unknown, not enrolled, cancelled session) write nothing;
    a second sign-in keeps the first time. Someone marked absent or excused beforehand who turns up
    after all is signed in."""
    number = clean_employee_no(employee_no)
    with uow:
        session = uow.session
        heading = session_heading(session, session_id)
        if heading.status is SessionStatus.CANCELLED:
            return SignInOutcome(SignInKind.SESSION_CLOSED, number)
        person = session.execute(
            select(Employee.id, Employee.name).where(Employee.employee_no == number)
        ).one_or_none()
        if not number or person is None:
            return SignInOutcome(SignInKind.UNKNOWN_NO, number)
        employee_id, name = person
        if _enrolment_status(session, session_id, employee_id) is not EnrolmentStatus.ENROLLED:
            return SignInOutcome(SignInKind.NOT_ENROLLED, number, employee_id, name)
        existing = _attendance(session, session_id, employee_id)
        if existing is not None and existing.status in ATTENDED:
            return SignInOutcome(
                SignInKind.ALREADY, number, employee_id, name, existing.status, existing.signed_in_at
            )
        status = _arrival_status(heading.delivery, heading.starts_at, at, grace_minutes(session))
        replaced = _mark_of(existing)
        mark = AttendanceMark(status, at, method)
        _put(session, session_id, employee_id, mark, actor=actor or uow.actor, existing=existing)
        sync_awards(session, actor=actor or uow.actor, session_ids={session_id})
        uow.commit()
    kind = SignInKind.LATE if status is AttendanceStatus.LATE else SignInKind.SIGNED_IN
    return SignInOutcome(kind, number, employee_id, name, status, at, replaced)


# ---- writing: the grid --------------------------------------------------------------------------


def _mark_of(row: Attendance | None) -> AttendanceMark | None:
    return None if row is None else AttendanceMark(row.status, row.signed_in_at, row.method)


def _put(
    session: Session,
    session_id: int,
    employee_id: int,
    mark: AttendanceMark | None,
    *,
    actor: str,
    existing: Attendance | None,
) -> None:
    """Make the stored sign-in `mark` (None: remove it)."""
    if mark is None:
        if existing is not None:
            session.delete(existing)
        return
    if existing is None:
        existing = Attendance(session_id=session_id, employee_id=employee_id)
        session.add(existing)
    existing.status = mark.status
    existing.signed_in_at = mark.signed_in_at
    existing.method = mark.method
    existing.recorded_by = actor


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
        if _enrolment_status(session, session_id, employee_id) is EnrolmentStatus.ENROLLED:
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
        status = _arrival_status(heading.delivery, heading.starts_at, signed_in_at, grace)
    if signed_in_at is None and status in ATTENDED and existing is not None:
        signed_in_at = existing.signed_in_at
    return AttendanceMark(status, signed_in_at, SignInMethod.GRID)


def mark_attendance(
    uow: UnitOfWork,
    session_id: int,
    employee_ids: Sequence[int],
    status: AttendanceStatus | None,
    signed_in_at: datetime | None = None,
    *,
    allow_unenrolled: bool = False,
    actor: str | None = None,
) -> list[AttendanceChange]:
    """Mark several people at once (the grid's selected rows), in one transaction.

    NotEnrolled (nothing written) for the first person not enrolled unless `allow_unenrolled`, which
    enrols them first. An explicit mark replaces whatever was there, a kiosk time included.
    """
    with uow:
        session = uow.session
        heading = session_heading(session, session_id)
        _require_enrolled(session, session_id, employee_ids, allow_unenrolled=allow_unenrolled)
        grace = grace_minutes(session)
        changes: list[AttendanceChange] = []
        for employee_id in dict.fromkeys(employee_ids):
            row = _attendance(session, session_id, employee_id)
            before = _mark_of(row)
            after = _grid_mark(heading, grace, before, status, signed_in_at)
            _put(session, session_id, employee_id, after, actor=actor or uow.actor, existing=row)
            changes.append(AttendanceChange(employee_id, before, after))
        sync_awards(session, actor=actor or uow.actor, session_ids={session_id})
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
    actor: str | None = None,
) -> AttendanceChange:
    """One person's mark from the grid: see mark_attendance."""
    (change,) = mark_attendance(
        uow,
        session_id,
        [employee_id],
        status,
        signed_in_at,
        allow_unenrolled=allow_unenrolled,
        actor=actor,
    )
    return change


def clear_marks(
    uow: UnitOfWork, session_id: int, employee_ids: Sequence[int], *, actor: str | None = None
) -> list[AttendanceChange]:
    """Remove mistaken marks (the grid's selected rows) in one transaction; the changes serve undo."""
    with uow:
        session = uow.session
        changes: list[AttendanceChange] = []
        for employee_id in dict.fromkeys(employee_ids):
            row = _attendance(session, session_id, employee_id)
            changes.append(AttendanceChange(employee_id, _mark_of(row), None))
            _put(session, session_id, employee_id, None, actor=actor or uow.actor, existing=row)
        sync_awards(session, actor=actor or uow.actor, session_ids={session_id})
        uow.commit()
    return changes


def clear_attendance(
    uow: UnitOfWork, session_id: int, employee_id: int, *, actor: str | None = None
) -> AttendanceMark | None:
    """Remove one mistaken mark; returns what was there (for undo), None if nothing was."""
    (change,) = clear_marks(uow, session_id, [employee_id], actor=actor)
    return change.before


def restore_marks(
    uow: UnitOfWork,
    session_id: int,
    marks: Mapping[int, AttendanceMark | None],
    *,
    actor: str | None = None,
) -> None:
    """Put these marks back exactly as they were (undo and redo); None removes the sign-in row.
    Enrolments made along the way stay."""
    with uow:
        session = uow.session
        for employee_id, mark in marks.items():
            row = _attendance(session, session_id, employee_id)
            _put(session, session_id, employee_id, mark, actor=actor or uow.actor, existing=row)
        sync_awards(session, actor=actor or uow.actor, session_ids={session_id})
        uow.commit()


def mark_all_present(
    uow: UnitOfWork, session_id: int, at: datetime | None = None, *, actor: str | None = None
) -> list[AttendanceChange]:
    """Everyone enrolled and not yet marked is present (completed, online) with `at` as their time."""
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
            _put(session, session_id, employee_id, mark, actor=actor or uow.actor, existing=None)
        sync_awards(session, actor=actor or uow.actor, session_ids={session_id})
        uow.commit()
    return [AttendanceChange(employee_id, None, mark) for employee_id in unmarked]


# ---- the Excel import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _SessionFacts:
    starts_at: datetime
    delivery: Delivery
    cancelled: bool


@dataclass(frozen=True)
class _Planned:
    session_id: int
    employee_id: int
    status: AttendanceStatus
    signed_in_at: datetime | None
    keep_time: bool  # the file has no 签到时间 column: a stored time stays


class AttendanceImporter(imports.RowImporter[_Planned]):
    """The attendance kind: key (班次编号, 工号). A person not enrolled is imported and enrolled (history
    files must load); `warnings()` says how many."""

    def __init__(self, *, actor: str = "import") -> None:
        self.actor = actor
        self._keys = SessionPersonKeys({}, {})
        self._facts: dict[int, _SessionFacts] = {}
        self._grace = 0
        self._enrolled_by_import = 0

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        self._keys = SessionPersonKeys.load(session, rows)
        ids = sorted(set(self._keys.sessions.values()))
        for part in chunks(ids):
            for session_id, starts_at, status, delivery in session.execute(
                select(TrainingSession.id, TrainingSession.starts_at, TrainingSession.status, Course.delivery)
                .join(Course, Course.id == TrainingSession.course_id)
                .where(TrainingSession.id.in_(part))
            ):
                self._facts[session_id] = _SessionFacts(
                    starts_at, delivery, status is SessionStatus.CANCELLED
                )
        self._grace = grace_minutes(session)

    def plan(self, row: SheetRow, problems: imports.RowProblems) -> _Planned | None:
        values = row.values
        session_id, employee_id = self._keys.lookup(row, problems)
        facts = self._facts.get(session_id) if session_id is not None else None
        if facts is not None and facts.cancelled:
            problems.add(row, "session_code", messages.text("reason.session_cancelled"))
        status: AttendanceStatus | None = values.get("status")
        signed_in_at: datetime | None = values.get("signed_in_at")
        if status is None and signed_in_at is None:
            if row.cells.get("status") is None and row.cells.get("signed_in_at") is None:
                problems.add(row, "signed_in_at", messages.text("reason.sign_in_time_needed"))
            return None  # or the reader already reported the cell it could not read
        if facts is None or employee_id is None or session_id is None:
            return None
        if status is None:
            assert signed_in_at is not None
            status = _arrival_status(facts.delivery, facts.starts_at, signed_in_at, self._grace)
        return _Planned(session_id, employee_id, status, signed_in_at, "signed_in_at" not in values)

    def write(
        self, session: Session, plans: list[_Planned], progress: imports.Progress | None
    ) -> imports.Counts:
        session_ids = sorted({p.session_id for p in plans})
        existing: dict[tuple[int, int], tuple[int, AttendanceStatus, datetime | None]] = {}
        enrolments: dict[tuple[int, int], tuple[int, EnrolmentStatus]] = {}
        for part in chunks(session_ids):
            for row_id, session_id, employee_id, status, signed_in_at in session.execute(
                select(
                    Attendance.id,
                    Attendance.session_id,
                    Attendance.employee_id,
                    Attendance.status,
                    Attendance.signed_in_at,
                ).where(Attendance.session_id.in_(part))
            ):
                existing[(session_id, employee_id)] = (row_id, status, signed_in_at)
            for row_id, session_id, employee_id, enrolment_status in session.execute(
                select(Enrolment.id, Enrolment.session_id, Enrolment.employee_id, Enrolment.status).where(
                    Enrolment.session_id.in_(part)
                )
            ):
                enrolments[(session_id, employee_id)] = (row_id, enrolment_status)

        now = utcnow()
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        new_enrolments: list[dict[str, Any]] = []
        raised_enrolments: list[dict[str, Any]] = []
        unchanged = 0
        total = len(plans)
        for index, plan in enumerate(plans, start=1):
            if progress is not None and index % imports.PROGRESS_EVERY == 0:
                progress(index, total)
            key = (plan.session_id, plan.employee_id)
            enrolment = enrolments.get(key)
            if enrolment is None:
                new_enrolments.append(
                    {
                        "session_id": plan.session_id,
                        "employee_id": plan.employee_id,
                        "status": EnrolmentStatus.ENROLLED,
                        "source": EnrolmentSource.HR,
                        "requested_at": now,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            elif enrolment[1] is not EnrolmentStatus.ENROLLED:
                raised_enrolments.append(
                    {"id": enrolment[0], "status": EnrolmentStatus.ENROLLED, "updated_at": now}
                )
            stored = existing.get(key)
            if stored is None:
                inserts.append(
                    {
                        "session_id": plan.session_id,
                        "employee_id": plan.employee_id,
                        "status": plan.status,
                        "signed_in_at": plan.signed_in_at,
                        "method": SignInMethod.IMPORT,
                        "recorded_by": self.actor,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                continue
            row_id, status, signed_in_at = stored
            wanted_time = signed_in_at if plan.keep_time else plan.signed_in_at
            if (status, signed_in_at) == (plan.status, wanted_time):
                unchanged += 1
                continue
            updates.append(
                {
                    "id": row_id,
                    "status": plan.status,
                    "signed_in_at": wanted_time,
                    "method": SignInMethod.IMPORT,
                    "recorded_by": self.actor,
                    "updated_at": now,
                }
            )
        # Statements for many rows at once (a history file holds a hundred thousand sign-ins).
        if new_enrolments:
            session.execute(insert(Enrolment), new_enrolments)
        if raised_enrolments:
            session.execute(update(Enrolment), raised_enrolments)
        if inserts:
            session.execute(insert(Attendance), inserts, execution_options={"render_nulls": True})
        if updates:
            session.execute(update(Attendance), updates)
        self._enrolled_by_import = len(new_enrolments) + len(raised_enrolments)
        sync_awards(session, actor=self.actor, session_ids=set(session_ids))
        if progress is not None:
            progress(total, total)
        return imports.Counts(created=len(inserts), updated=len(updates), unchanged=unchanged)

    def warnings(self) -> list[str]:
        if not self._enrolled_by_import:
            return []
        return [messages.text("import.warn.enrolled_by_import", count=self._enrolled_by_import)]
