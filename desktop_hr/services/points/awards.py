"""Automatic awards: what the training records justify, and the ledger made to agree with it.

`desired_awards` reads the training records (never the imported history: TrainingRecord awards nothing)
and says which awards should exist, each under its key "<code>:<source type>:<source id>:<employee id>".
`sync_awards` compares them with the ledger's net per key and posts only the difference: a missing award
is added, one no longer justified (a sign-in undone, a flag withdrawn) is reversed by a new negative entry.
The ledger only grows; running it twice adds nothing.

Sources: awards about a person at a session (attendance, lateness, online completion) and about the trainer
(teaching) name the session, so undoing and redoing a sign-in lands on the same key; submission awards name
the submission. TEACH_HOUR awards floor(points per hour × the course's hours): 1.5 hours at 10 points is 15.

Manual awards and deductions live in manual_awards.py.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from itertools import islice
from typing import Any

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork, actor_of
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    AttendanceStatus,
    Course,
    Delivery,
    Feedback,
    PointCategory,
    PointEntry,
    Submission,
    TrainingSession,
)
from desktop_hr.models.base import utcnow
from desktop_hr.services.imports import chunks
from desktop_hr.services.points import ledger
from desktop_hr.services.points.point_rules import RuleBook
from desktop_hr.services.training.facts import ACTION_PLAN_DAYS, ATTENDED
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "points.sync_summary": (
            "新增 {added} 条（{points_added:+d} 分），冲销 {reversed} 条（{points_reversed:+d} 分），"
            "未变 {unchanged} 项",
            "{added} added ({points_added:+d} points), {reversed} reversed ({points_reversed:+d} points), "
            "{unchanged} unchanged",
        ),
    }
)

# Rule codes of the automatic awards (DOMAIN.md's presets).
ATTEND_OFFLINE = "ATTEND_OFFLINE"
LATE = "LATE"
COMPLETE_ONLINE = "COMPLETE_ONLINE"
ACTION_PLAN = "ACTION_PLAN"
ACTION_PLAN_ADOPTED = "ACTION_PLAN_ADOPTED"
TEACH_SESSION = "TEACH_SESSION"
REFLECTION_PUBLISHED = "REFLECTION_PUBLISHED"
TEACH_HOUR = "TEACH_HOUR"
TEACH_HIGH_SATISFACTION = "TEACH_HIGH_SATISFACTION"
HOMEWORK_SUBMITTED = "HOMEWORK_SUBMITTED"
HOMEWORK_EXCELLENT = "HOMEWORK_EXCELLENT"

SESSION_SOURCE = "session"
SUBMISSION_SOURCE = "submission"
SESSION_CODES = (ATTEND_OFFLINE, LATE, COMPLETE_ONLINE, TEACH_SESSION, TEACH_HOUR, TEACH_HIGH_SATISFACTION)
SUBMISSION_CODES: dict[AssignmentType, tuple[str, ...]] = {
    AssignmentType.ACTION_PLAN: (ACTION_PLAN, ACTION_PLAN_ADOPTED),
    AssignmentType.REFLECTION: (REFLECTION_PUBLISHED,),
    AssignmentType.HOMEWORK: (HOMEWORK_SUBMITTED, HOMEWORK_EXCELLENT),
}
AUTOMATIC = (*SESSION_CODES, *(code for codes in SUBMISSION_CODES.values() for code in codes))

HIGH_SATISFACTION = 90  # the session's mean trainer satisfaction, at least
_RANGES_PER_QUERY = 200
_POST_CHUNK = 5000  # ledger entries per INSERT


def award_key(code: str, source_type: str, source_id: int, employee_id: int) -> str:
    return f"{code}:{source_type}:{source_id}:{employee_id}"


@dataclass(frozen=True, slots=True)
class Award:
    """An automatic award the training records justify."""

    key: str
    employee_id: int
    code: str
    rule_id: int
    points: int
    category: PointCategory
    occurred_at: datetime
    source_type: str
    source_id: int


@dataclass(frozen=True)
class SyncReport:
    """What a sync posted: `added` entries for awards missing or changed, `reversed` entries taking back
    awards no longer justified, `unchanged` awards already right; per code: (code, added, reversed)."""

    added: int = 0
    reversed: int = 0
    unchanged: int = 0
    points_added: int = 0
    points_reversed: int = 0
    by_code: tuple[tuple[str, int, int], ...] = field(default=())

    @property
    def changed(self) -> bool:
        return bool(self.added or self.reversed)

    def summary(self) -> str:
        return messages.text(
            "points.sync_summary",
            added=self.added,
            reversed=self.reversed,
            unchanged=self.unchanged,
            points_added=self.points_added,
            points_reversed=self.points_reversed,
        )


# ---- what the records justify ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Event:
    code: str
    source_type: str
    source_id: int
    employee_id: int
    occurred_at: datetime
    hours: Decimal | None = None  # TEACH_HOUR: points per hour × hours


def _in_sessions(column: Any, session_ids: Collection[int] | None) -> Iterator[Any]:
    """WHERE clauses limiting `column` to the sessions, one per chunk (one clause of True for all)."""
    if session_ids is None:
        yield True
        return
    for part in chunks(sorted(session_ids)):
        yield column.in_(part)


def _attendance_events(session: Session, session_ids: Collection[int] | None) -> Iterator[_Event]:
    for where in _in_sessions(Attendance.session_id, session_ids):
        stmt = (
            select(
                Attendance.session_id,
                Attendance.employee_id,
                Attendance.status,
                Attendance.signed_in_at,
                TrainingSession.starts_at,
                Course.delivery,
            )
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .join(Course, Course.id == TrainingSession.course_id)
            .where(where, Attendance.status.in_(sorted(ATTENDED)))
        )
        for session_id, employee_id, status, signed_in_at, starts_at, delivery in session.execute(stmt):
            if delivery is Delivery.ONLINE:
                if status is AttendanceStatus.COMPLETED:
                    at = signed_in_at or starts_at
                    yield _Event(COMPLETE_ONLINE, SESSION_SOURCE, session_id, employee_id, at)
                continue
            if status is AttendanceStatus.COMPLETED:
                continue
            yield _Event(ATTEND_OFFLINE, SESSION_SOURCE, session_id, employee_id, starts_at)
            if status is AttendanceStatus.LATE:
                yield _Event(LATE, SESSION_SOURCE, session_id, employee_id, starts_at)


def _teaching_events(
    session: Session, session_ids: Collection[int] | None, book: RuleBook
) -> Iterator[_Event]:
    came = (
        select(Attendance.id)
        .where(Attendance.session_id == TrainingSession.id, Attendance.status.in_(sorted(ATTENDED)))
        .exists()
    )
    for where in _in_sessions(TrainingSession.id, session_ids):
        stmt = (
            select(TrainingSession.id, TrainingSession.trainer_id, TrainingSession.starts_at, Course.hours)
            .join(Course, Course.id == TrainingSession.course_id)
            .where(where, TrainingSession.trainer_id.is_not(None), came)
        )
        for session_id, trainer_id, starts_at, hours in session.execute(stmt):
            assert trainer_id is not None
            yield _Event(TEACH_SESSION, SESSION_SOURCE, session_id, trainer_id, starts_at)
            yield _Event(TEACH_HOUR, SESSION_SOURCE, session_id, trainer_id, starts_at, hours)
    if not book.ever_enabled(TEACH_HIGH_SATISFACTION):
        return
    rated = Feedback.trainer_satisfaction.is_not(None)
    for where in _in_sessions(TrainingSession.id, session_ids):
        rated_stmt = (
            select(TrainingSession.id, TrainingSession.trainer_id, TrainingSession.starts_at)
            .join(Feedback, Feedback.session_id == TrainingSession.id)
            .where(where, TrainingSession.trainer_id.is_not(None), rated)
            .group_by(TrainingSession.id, TrainingSession.trainer_id, TrainingSession.starts_at)
            # mean >= 90 in whole numbers: sum >= 90 × count
            .having(func.sum(Feedback.trainer_satisfaction) >= HIGH_SATISFACTION * func.count())
        )
        for session_id, trainer_id, starts_at in session.execute(rated_stmt):
            assert trainer_id is not None
            yield _Event(TEACH_HIGH_SATISFACTION, SESSION_SOURCE, session_id, trainer_id, starts_at)


def _submission_events(session: Session, session_ids: Collection[int] | None) -> Iterator[_Event]:
    for where in _in_sessions(Submission.session_id, session_ids):
        stmt = select(
            Submission.id,
            Submission.employee_id,
            Submission.kind,
            Submission.submitted_at,
            Submission.adopted,
            Submission.published,
            Submission.excellent,
            TrainingSession.ends_at,
        ).join(TrainingSession, TrainingSession.id == Submission.session_id)
        for row in session.execute(stmt.where(where)):
            submission_id, employee_id, kind, at, adopted, published, excellent, ends_at = row
            earned: list[str] = []
            if kind is AssignmentType.ACTION_PLAN:
                if at.date() <= ends_at.date() + timedelta(days=ACTION_PLAN_DAYS):
                    earned.append(ACTION_PLAN)
                if adopted:
                    earned.append(ACTION_PLAN_ADOPTED)
            elif kind is AssignmentType.REFLECTION:
                if published:
                    earned.append(REFLECTION_PUBLISHED)
            elif kind is AssignmentType.HOMEWORK:
                earned.append(HOMEWORK_SUBMITTED)
                if excellent:
                    earned.append(HOMEWORK_EXCELLENT)
            for code in earned:
                yield _Event(code, SUBMISSION_SOURCE, submission_id, employee_id, at)


def _points(points: int, hours: Decimal | None) -> int:
    if hours is None:
        return points
    return int((points * Decimal(hours)).to_integral_value(rounding=ROUND_FLOOR))


def desired_awards(session: Session, *, session_ids: Collection[int] | None = None) -> dict[str, Award]:
    """Every automatic award the training records of these sessions (None: all) justify, by key.

    The rule version is the enabled one whose dates contain the event's day; none, or a result of 0
    points, means no award.
    """
    book = RuleBook.load(session, AUTOMATIC)
    events: Iterable[_Event] = (
        *_attendance_events(session, session_ids),
        *_teaching_events(session, session_ids, book),
        *_submission_events(session, session_ids),
    )
    awards: dict[str, Award] = {}
    for event in events:
        rule = book.rule_for(event.code, event.occurred_at.date())
        if rule is None:
            continue
        points = _points(rule.points, event.hours)
        if points == 0:
            continue
        key = award_key(event.code, event.source_type, event.source_id, event.employee_id)
        awards[key] = Award(
            key,
            event.employee_id,
            event.code,
            rule.id,
            points,
            rule.category,
            event.occurred_at,
            event.source_type,
            event.source_id,
        )
    return awards


# ---- the ledger's side -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Net:
    points: int
    last_id: int


def _prefix_range(prefix: str) -> Any:
    """award_key starting with `prefix` (ending in ":"), as a range the award_key index serves."""
    return and_(PointEntry.award_key >= prefix, PointEntry.award_key < prefix[:-1] + ";")


def _scope_clauses(session: Session, session_ids: Collection[int]) -> Iterator[Any]:
    """Clauses (each a manageable OR) selecting every automatic key these sessions could have produced."""
    ranges = [
        _prefix_range(f"{code}:{SESSION_SOURCE}:{sid}:")
        for sid in sorted(session_ids)
        for code in SESSION_CODES
    ]
    for where in _in_sessions(Submission.session_id, session_ids):
        for submission_id, kind in session.execute(select(Submission.id, Submission.kind).where(where)):
            ranges.extend(
                _prefix_range(f"{code}:{SUBMISSION_SOURCE}:{submission_id}:")
                for code in SUBMISSION_CODES[kind]
            )
    for start in range(0, len(ranges), _RANGES_PER_QUERY):
        yield or_(*ranges[start : start + _RANGES_PER_QUERY])


def _ledger_nets(session: Session, clauses: Iterable[Any]) -> dict[str, _Net]:
    nets: dict[str, _Net] = {}
    for where in clauses:
        stmt = (
            select(PointEntry.award_key, func.sum(PointEntry.points), func.max(PointEntry.id))
            .where(where, PointEntry.award_key.is_not(None), PointEntry.rule_code.in_(AUTOMATIC))
            .group_by(PointEntry.award_key)
        )
        nets.update((str(key), _Net(int(total), int(last))) for key, total, last in session.execute(stmt))
    return nets


def _reversal(entry: PointEntry, points: int) -> ledger.Posting:
    return ledger.Posting(
        employee_id=entry.employee_id,
        points=points,
        category=entry.category,
        occurred_at=entry.occurred_at,
        rule_code=entry.rule_code,
        rule_id=entry.rule_id,
        source_type=entry.source_type,
        source_id=entry.source_id,
        award_key=entry.award_key,
        reverses_id=entry.id,
    )


def _entry_rows(
    postings: Iterable[tuple[ledger.Posting | Award, int]], actor: str
) -> Iterator[dict[str, Any]]:
    """The ledger rows of (posting, points) pairs: an award is posted for the difference from the ledger's
    net, a reversal for its own points; each row spelled out (dataclasses.asdict copies every value
    recursively: a third of an import's time)."""
    now = utcnow()
    for p, points in postings:
        yield {
            "employee_id": p.employee_id,
            "points": points,
            "category": p.category,
            "occurred_at": p.occurred_at,
            "rule_code": p.code if isinstance(p, Award) else p.rule_code,
            "rule_id": p.rule_id,
            "source_type": p.source_type,
            "source_id": p.source_id,
            "award_key": p.key if isinstance(p, Award) else p.award_key,
            "reverses_id": None if isinstance(p, Award) else p.reverses_id,
            "reason": "" if isinstance(p, Award) else p.reason,
            "actor": actor,
            "created_at": now,
        }


def _post_all(session: Session, postings: list[tuple[ledger.Posting | Award, int]]) -> None:
    """Append the entries in bulk (a recompute may write thousands), a statement per few thousand rows so
    their dicts stay few: the same columns as ledger.post."""
    rows = _entry_rows(postings, actor_of(session))
    while chunk := list(islice(rows, _POST_CHUNK)):
        session.execute(insert(PointEntry), chunk)


def _reconcile(session: Session, desired: dict[str, Award], nets: dict[str, _Net]) -> SyncReport:
    # Awards are posted from themselves (a Posting each would double what a large import holds).
    added: list[tuple[ledger.Posting | Award, int]] = []
    reversals: list[tuple[ledger.Posting | Award, int]] = []
    unchanged = 0
    for key, award in desired.items():
        net = nets.pop(key, None)
        current = net.points if net else 0
        if current == award.points:
            unchanged += 1
        else:
            added.append((award, award.points - current))
    gone = {net.last_id: net.points for net in nets.values() if net.points != 0}
    for part in chunks(sorted(gone)):
        for entry in session.scalars(select(PointEntry).where(PointEntry.id.in_(part))):
            reversal = _reversal(entry, -gone[entry.id])
            reversals.append((reversal, reversal.points))
    _post_all(session, [*added, *reversals])
    codes: dict[str, list[int]] = {}
    for (posting, _points), slot in [*((p, 0) for p in added), *((p, 1) for p in reversals)]:
        code = posting.code if isinstance(posting, Award) else posting.rule_code
        codes.setdefault(code, [0, 0])[slot] += 1
    return SyncReport(
        added=len(added),
        reversed=len(reversals),
        unchanged=unchanged,
        points_added=sum(points for _, points in added),
        points_reversed=sum(points for _, points in reversals),
        by_code=tuple((code, a, r) for code, (a, r) in sorted(codes.items())),
    )


def sync_awards(session: Session, *, session_ids: Collection[int] | None = None) -> SyncReport:
    """Make the ledger's automatic awards of these sessions (None: all) match the records; inside the
    caller's transaction (the training services call it after each write, so points follow at once),
    posted by the account that transaction acts for."""
    if session_ids is not None and not session_ids:
        return SyncReport()
    session.flush()
    desired = desired_awards(session, session_ids=session_ids)
    clauses = [True] if session_ids is None else list(_scope_clauses(session, session_ids))
    return _reconcile(session, desired, _ledger_nets(session, clauses))


def reverse_submission(session: Session, submission_id: int, kind: AssignmentType) -> SyncReport:
    """Take back what a submission earned before it is deleted (its key can no longer be found after)."""
    clauses = [
        or_(*(_prefix_range(f"{c}:{SUBMISSION_SOURCE}:{submission_id}:") for c in SUBMISSION_CODES[kind]))
    ]
    return _reconcile(session, {}, _ledger_nets(session, clauses))


def recompute(uow: UnitOfWork) -> SyncReport:
    """Rebuild every missing automatic award and reverse the unjustified ones, for the whole database;
    nothing on a consistent database."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        report = sync_awards(uow.session)
        uow.commit()
        return report
