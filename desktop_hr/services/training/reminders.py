"""What needs doing now (提醒): sessions about to start, action plans to chase, submissions due or overdue, sessions to close.

Every list is computed from the training tables in a handful of grouped queries, whatever the size of
the archive: one for the sessions concerned, one per chunk of them for the people who still owe work.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    AttendanceStatus,
    Course,
    Employee,
    EmployeeStatus,
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
    Submission,
    TrainingSession,
)
from desktop_hr.services.imports import chunks
from desktop_hr.services.labels import label

messages.define(
    {
        "reminder.upcoming.title": ("{course}（{code}）", "{course} ({code})"),
        "reminder.upcoming.detail": (
            "{start} 开始 · {place} · 已报名 {enrolled} 人",
            "starts {start} · {place} · {enrolled} enrolled",
        ),
        "reminder.no_place": ("地点未定", "place not set"),
        "reminder.chase.title": (
            "{name}（{no}）尚未提交行动计划",
            "{name} ({no}) has not handed in an action plan",
        ),
        "reminder.due.title": ("{name}（{no}）的{kind}即将到期", "{name} ({no}): {kind} due soon"),
        "reminder.overdue.title": ("{name}（{no}）的{kind}已逾期", "{name} ({no}): {kind} overdue"),
        "reminder.person.detail": (
            "{course}（{code}）· 截止 {due}",
            "{course} ({code}) · due {due}",
        ),
        "reminder.not_closed.title": (
            "{course}（{code}）已结束但状态仍为“{status}”",
            '{course} ({code}) is over but still "{status}"',
        ),
        "reminder.not_closed.detail": (
            "结束于 {end}，请标记为已结束或已取消",
            "ended {end}; mark it finished or cancelled",
        ),
        "reminder.when.today": ("今天", "today"),
        "reminder.when.days_left": ("还有 {days} 天", "in {days} day(s)"),
        "reminder.when.days_overdue": ("逾期 {days} 天", "{days} day(s) overdue"),
    }
)

UPCOMING_DAYS = 3  # sessions starting today .. today + 3
CHASE_AFTER_DAYS = 10  # action plans are chased from the 10th day after the session ...
DEFAULT_DUE_DAYS = 30  # ... until the due date: assignment_due, else 30 days after the session's last day
DUE_SOON_DAYS = 2  # submissions due today .. today + 2
# Overdue work older than this is left to the reports: the home page is for what can still be chased.
OVERDUE_HORIZON_DAYS = 365

# Who is expected to hand in the session's assignment (and earns its hours).
PARTICIPATED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.COMPLETED)
_OPEN_STATUSES = (SessionStatus.PLANNED, SessionStatus.OPEN)


class ReminderKind(enum.StrEnum):
    """In the order the home page lists them."""

    UPCOMING_SESSION = "upcoming_session"  # (a) starts within 3 days
    SUBMISSION_DUE = "submission_due"  # (c) due within 2 days, not handed in
    ACTION_PLAN_CHASE = "action_plan_chase"  # (b) 10 days after the session, no action plan yet
    SUBMISSION_OVERDUE = "submission_overdue"  # (d) due date passed, nothing handed in
    SESSION_NOT_CLOSED = "session_not_closed"  # (d) over, yet still planned or open


_KIND_ORDER = {kind: index for index, kind in enumerate(ReminderKind)}


@dataclass(frozen=True)
class Reminder:
    """One line of the home page; `employee_id` is set for lines about one person's work.

    `due` is the date the line is about: the session's start (upcoming), the assignment's due date
    (due, chase, overdue) or the session's end (not closed).
    """

    kind: ReminderKind
    due: date
    title: str
    detail: str
    session_id: int
    employee_id: int | None = None
    days_left: int | None = None
    days_overdue: int | None = None

    def when(self) -> str:
        """ "今天", "还有 2 天", "逾期 5 天"."""
        if self.days_overdue is not None:
            return messages.text("reminder.when.days_overdue", days=self.days_overdue)
        if not self.days_left:
            return messages.text("reminder.when.today")
        return messages.text("reminder.when.days_left", days=self.days_left)


def assignment_due_date(
    session_end: datetime, kind: AssignmentType, assignment_due: date | None
) -> date | None:
    """The day the session's assignment is due: its own due date, else 30 days after the session for an
    action plan; a reflection or homework without a due date is never late (as submissions.due_date)."""
    if assignment_due is not None:
        return assignment_due
    if kind is AssignmentType.ACTION_PLAN:
        return session_end.date() + timedelta(days=DEFAULT_DUE_DAYS)
    return None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _short(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class _SessionInfo:
    id: int
    code: str
    course: str
    starts_at: datetime
    ends_at: datetime
    place: str
    status: SessionStatus
    assignment_type: AssignmentType | None
    assignment_due: date | None


def _sessions(session: Session, *conditions: ColumnElement[bool]) -> list[_SessionInfo]:
    stmt = (
        select(
            TrainingSession.id,
            TrainingSession.code,
            Course.title,
            TrainingSession.starts_at,
            TrainingSession.ends_at,
            TrainingSession.place,
            TrainingSession.status,
            TrainingSession.assignment_type,
            TrainingSession.assignment_due,
        )
        .join(Course, Course.id == TrainingSession.course_id)
        .where(*conditions)
        .order_by(TrainingSession.starts_at, TrainingSession.code)
    )
    return [_SessionInfo(*row) for row in session.execute(stmt)]


def _upcoming(session: Session, today: date) -> list[Reminder]:
    found = _sessions(
        session,
        TrainingSession.starts_at >= _midnight(today),
        TrainingSession.starts_at < _midnight(today + timedelta(days=UPCOMING_DAYS + 1)),
        TrainingSession.status != SessionStatus.CANCELLED,
    )
    enrolled: dict[int, int] = {}
    ids = [s.id for s in found]
    for part in chunks(ids):
        counted = session.execute(
            select(Enrolment.session_id, func.count())
            .where(Enrolment.session_id.in_(part), Enrolment.status == EnrolmentStatus.ENROLLED)
            .group_by(Enrolment.session_id)
        )
        enrolled.update((session_id, count) for session_id, count in counted)
    return [
        Reminder(
            kind=ReminderKind.UPCOMING_SESSION,
            due=s.starts_at.date(),
            title=messages.text("reminder.upcoming.title", course=s.course, code=s.code),
            detail=messages.text(
                "reminder.upcoming.detail",
                start=_short(s.starts_at),
                place=s.place or messages.text("reminder.no_place"),
                enrolled=enrolled.get(s.id, 0),
            ),
            session_id=s.id,
            days_left=(s.starts_at.date() - today).days,
        )
        for s in found
    ]


def _person_kind(s: _SessionInfo, due: date, today: date) -> ReminderKind | None:
    """Which list a missing submission for session `s` belongs on today; each person is listed once."""
    if due < today:
        return ReminderKind.SUBMISSION_OVERDUE if (today - due).days <= OVERDUE_HORIZON_DAYS else None
    if (due - today).days <= DUE_SOON_DAYS:
        return ReminderKind.SUBMISSION_DUE
    chase_from = s.ends_at.date() + timedelta(days=CHASE_AFTER_DAYS)
    if s.assignment_type is AssignmentType.ACTION_PLAN and chase_from <= today:
        return ReminderKind.ACTION_PLAN_CHASE
    return None


def _missing_work(session: Session, today: date) -> list[Reminder]:
    oldest_due = today - timedelta(days=OVERDUE_HORIZON_DAYS)
    candidates = _sessions(
        session,
        TrainingSession.assignment_type.is_not(None),
        TrainingSession.status != SessionStatus.CANCELLED,
        TrainingSession.starts_at < _midnight(today + timedelta(days=1)),  # begun: people have signed in
        or_(
            TrainingSession.assignment_due >= oldest_due,
            and_(
                TrainingSession.assignment_due.is_(None),
                TrainingSession.assignment_type == AssignmentType.ACTION_PLAN,
                TrainingSession.ends_at >= _midnight(oldest_due - timedelta(days=DEFAULT_DUE_DAYS)),
            ),
        ),
    )
    wanted: dict[int, tuple[_SessionInfo, date, ReminderKind]] = {}
    for s in candidates:
        assert s.assignment_type is not None
        due = assignment_due_date(s.ends_at, s.assignment_type, s.assignment_due)
        kind = None if due is None else _person_kind(s, due, today)
        if due is not None and kind is not None:
            wanted[s.id] = (s, due, kind)
    handed_in = and_(
        Submission.session_id == Attendance.session_id,
        Submission.employee_id == Attendance.employee_id,
        Submission.kind == TrainingSession.assignment_type,
    )
    found: list[Reminder] = []
    for part in chunks(sorted(wanted)):
        stmt = (
            select(Attendance.session_id, Employee.id, Employee.employee_no, Employee.name)
            .join(Employee, Employee.id == Attendance.employee_id)
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .outerjoin(Submission, handed_in)
            .where(
                Attendance.session_id.in_(part),
                Attendance.status.in_(PARTICIPATED),
                Submission.id.is_(None),
                Employee.status != EmployeeStatus.LEFT,  # nobody chases people who have gone
            )
        )
        for session_id, employee_id, employee_no, name in session.execute(stmt):
            s, due, kind = wanted[session_id]
            assert s.assignment_type is not None
            title_code = {
                ReminderKind.SUBMISSION_DUE: "reminder.due.title",
                ReminderKind.ACTION_PLAN_CHASE: "reminder.chase.title",
                ReminderKind.SUBMISSION_OVERDUE: "reminder.overdue.title",
            }[kind]
            overdue = kind is ReminderKind.SUBMISSION_OVERDUE
            found.append(
                Reminder(
                    kind=kind,
                    due=due,
                    title=messages.text(title_code, name=name, no=employee_no, kind=label(s.assignment_type)),
                    detail=messages.text(
                        "reminder.person.detail", course=s.course, code=s.code, due=due.isoformat()
                    ),
                    session_id=session_id,
                    employee_id=employee_id,
                    days_left=None if overdue else (due - today).days,
                    days_overdue=(today - due).days if overdue else None,
                )
            )
    return found


def _not_closed(session: Session, today: date) -> list[Reminder]:
    found = _sessions(
        session,
        TrainingSession.ends_at < _midnight(today),
        TrainingSession.status.in_(_OPEN_STATUSES),
    )
    return [
        Reminder(
            kind=ReminderKind.SESSION_NOT_CLOSED,
            due=s.ends_at.date(),
            title=messages.text(
                "reminder.not_closed.title", course=s.course, code=s.code, status=label(s.status)
            ),
            detail=messages.text("reminder.not_closed.detail", end=_short(s.ends_at)),
            session_id=s.id,
            days_overdue=(today - s.ends_at.date()).days,
        )
        for s in found
    ]


def reminders(session: Session, today: date) -> list[Reminder]:
    """Everything due on `today`, grouped by kind (ReminderKind's order), most pressing first within a kind:
    the soonest start or due date, and the longest overdue."""
    found = [*_upcoming(session, today), *_missing_work(session, today), *_not_closed(session, today)]
    return sorted(found, key=lambda r: (_KIND_ORDER[r.kind], r.due, r.detail, r.title))


def reminder_counts(items: Sequence[Reminder]) -> dict[ReminderKind, int]:
    """How many lines of each kind (every kind present, zeros too), for headings and the tab's badge."""
    counts = dict.fromkeys(ReminderKind, 0)
    for item in items:
        counts[item.kind] += 1
    return counts
