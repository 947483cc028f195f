"""Training effect (培训效果): the four levels per course, and per department and course, for a period.

Over the sessions that started in the period and were held (someone attended: present, late, or completed
online), counting only attendees in the department's subtree when one is given:
- reaction: mean trainer satisfaction and mean course rating of those attendees' feedback;
- learning: exam pass rate (score >= the session's pass mark; sessions without a pass mark left out) and
  the mean exam score (every result on those sessions);
- behaviour: action plans submitted by the 30th day after the session's last day, as a share of the
  attendees of sessions that asked for one, and how many of those plans were adopted;
- results: review scores on the competencies the course addresses, before against after (effect_results).

A few set-based queries read everything; the figures are summed in memory from their rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, Subquery, and_, exists, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop_hr import messages
from desktop_hr.errors import InvalidField
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    Competency,
    Course,
    CourseCompetency,
    Department,
    Employee,
    EmployeeStatus,
    ExamResult,
    Feedback,
    PerformanceReview,
    ReviewItem,
    SessionStatus,
    Submission,
    TrainingSession,
)
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.development.effect_results import (
    CompetencyEffect,
    Pool,
    ReviewScores,
    competency_effect,
    mean,
)
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.records.report_data import percent
from desktop_hr.services.training.facts import ACTION_PLAN_DAYS, ATTENDED

messages.define(
    {
        "effect.field.date_from": ("开始日期", "From"),
        "effect.reason.from_after_to": ("开始日期晚于结束日期 {to}", "the start is after the end {to}"),
    }
)


@dataclass(frozen=True)
class CourseEffect:
    """The four levels of one course (in one department, for the per-department view)."""

    course_id: int
    code: str
    title: str
    department: str  # the attendees' department path in the per-department view; "" in the per-course one
    sessions: int  # held sessions with at least one attendee counted
    attendees: int  # distinct people
    satisfaction: Decimal | None  # mean trainer satisfaction, 0-100
    rating: Decimal | None  # mean course rating, 1-5
    feedback: int  # feedback forms counted
    pass_rate: Decimal | None  # percent of results on sessions with a pass mark
    exam_mean: Decimal | None
    exams: int  # results counted for the mean
    plans_expected: int  # attendances of sessions that asked for an action plan
    plans_in_time: int  # action plans submitted within ACTION_PLAN_DAYS of the session's end
    plans_adopted: int  # of those, adopted
    competencies: tuple[CompetencyEffect, ...]

    @property
    def plan_rate(self) -> Decimal | None:
        return percent(self.plans_in_time, self.plans_expected)


@dataclass(frozen=True)
class EffectReport:
    date_from: date | None
    date_to: date | None
    department: str  # the department path the report is narrowed to ("": everyone)
    courses: tuple[CourseEffect, ...]  # by course code
    departments: tuple[CourseEffect, ...]  # by department path, then course code


_Fact = Feedback | ExamResult | Submission


@dataclass
class _Tally:
    sessions: set[int] = field(default_factory=set)
    spans: dict[int, tuple[date, date]] = field(default_factory=dict)  # employee -> first start, last end
    satisfaction: list[int] = field(default_factory=list)
    rating: list[int] = field(default_factory=list)
    feedback: int = 0
    scores: list[int] = field(default_factory=list)
    graded: int = 0
    passed: int = 0
    plans_expected: int = 0
    plans_in_time: int = 0
    plans_adopted: int = 0

    def attend(self, session_id: int, employee_id: int, starts: date, ends: date) -> None:
        self.sessions.add(session_id)
        first, last = self.spans.get(employee_id, (starts, ends))
        self.spans[employee_id] = (min(first, starts), max(last, ends))


@dataclass(frozen=True)
class _Held:
    course_id: int
    starts: date
    ends: date
    pass_mark: int | None
    wants_plan: bool


def period_of(
    year: int | None, date_from: date | None, date_to: date | None
) -> tuple[date | None, date | None]:
    """The first and last day the report covers (a year wins over dates; None: unbounded); a start after
    the end is refused, naming both."""
    if year is not None:
        return date(year, 1, 1), date(year, 12, 31)
    if date_from is not None and date_to is not None and date_from > date_to:
        raise InvalidField(
            field=messages.text("effect.field.date_from"),
            value=date_from.isoformat(),
            reason=messages.text("effect.reason.from_after_to", to=date_to.isoformat()),
        )
    return date_from, date_to


def _scope(session: Session, department_id: int | None) -> Select[Any] | None:
    """The ids of the department's subtree, as a subquery (None: everyone)."""
    if department_id is None:
        return None
    root = get_or_raise(session, Department, department_id)
    return select(Department.id).where(Department.path.startswith(root.path))


def training_effect(
    session: Session,
    *,
    year: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    course_id: int | None = None,
    department_id: int | None = None,
) -> EffectReport:
    """The effect of every course held in the period (or of `course_id`), counting the attendees of the
    department's subtree (or everyone), per course and per department and course."""
    first, last = period_of(year, date_from, date_to)
    scope = _scope(session, department_id)
    paths = department_paths(session)
    held_query = select(TrainingSession.id).where(
        TrainingSession.status != SessionStatus.CANCELLED,
        exists().where(Attendance.session_id == TrainingSession.id, Attendance.status.in_(ATTENDED)),
    )
    if first is not None:
        held_query = held_query.where(TrainingSession.starts_at >= datetime.combine(first, time.min))
    if last is not None:
        held_query = held_query.where(
            TrainingSession.starts_at < datetime.combine(last + timedelta(days=1), time.min)
        )
    if course_id is not None:
        held_query = held_query.where(TrainingSession.course_id == course_id)
    held_ids = held_query.scalar_subquery()

    held = {
        row.id: _Held(
            row.course_id,
            row.starts_at.date(),
            row.ends_at.date(),
            row.pass_mark,
            row.assignment_type is AssignmentType.ACTION_PLAN,
        )
        for row in session.execute(
            select(
                TrainingSession.id,
                TrainingSession.course_id,
                TrainingSession.starts_at,
                TrainingSession.ends_at,
                TrainingSession.pass_mark,
                TrainingSession.assignment_type,
            ).where(TrainingSession.id.in_(held_ids))
        )
    }
    attendee_query = (
        select(Attendance.session_id, Attendance.employee_id, Employee.department_id)
        .join(Employee, Employee.id == Attendance.employee_id)
        .where(Attendance.session_id.in_(held_ids), Attendance.status.in_(ATTENDED))
    )
    if scope is not None:
        attendee_query = attendee_query.where(Employee.department_id.in_(scope))
    attendees = attendee_query.subquery()
    attended: dict[tuple[int, int], int | None] = {
        (s, e): d for s, e, d in session.execute(select(attendees))
    }

    whole: dict[int, _Tally] = {}  # by course
    parts: dict[tuple[int, int | None], _Tally] = {}  # by course and the attendee's department

    def tallies_of(session_id: int, employee_id: int) -> tuple[_Tally, _Tally]:
        course = held[session_id].course_id
        department = attended[(session_id, employee_id)]
        return whole.setdefault(course, _Tally()), parts.setdefault((course, department), _Tally())

    for session_id, employee_id in attended:
        one = held[session_id]
        for tally in tallies_of(session_id, employee_id):
            tally.attend(session_id, employee_id, one.starts, one.ends)
            tally.plans_expected += one.wants_plan
    for session_id, employee_id, satisfaction, rating in session.execute(
        _joined(attendees, Feedback, Feedback.trainer_satisfaction, Feedback.course_rating)
    ):
        for tally in tallies_of(session_id, employee_id):
            tally.feedback += 1
            if satisfaction is not None:
                tally.satisfaction.append(satisfaction)
            if rating is not None:
                tally.rating.append(rating)
    for session_id, employee_id, score in session.execute(_joined(attendees, ExamResult, ExamResult.score)):
        pass_mark = held[session_id].pass_mark
        for tally in tallies_of(session_id, employee_id):
            tally.scores.append(score)
            if pass_mark is not None:
                tally.graded += 1
                tally.passed += score >= pass_mark
    plans = _joined(attendees, Submission, Submission.submitted_at, Submission.adopted).where(
        Submission.kind == AssignmentType.ACTION_PLAN
    )
    for session_id, employee_id, submitted_at, adopted in session.execute(plans):
        one = held[session_id]
        # On the 30th day after the session's last day is in time (training/facts.py); the 31st is not.
        if not one.wants_plan or submitted_at.date() > one.ends + timedelta(days=ACTION_PLAN_DAYS):
            continue
        for tally in tallies_of(session_id, employee_id):
            tally.plans_in_time += 1
            tally.plans_adopted += bool(adopted)

    courses = {
        row.id: row
        for row in session.execute(
            select(Course.id, Course.code, Course.title).where(Course.id.in_(list(whole)))
        )
    }
    competencies = _competencies(session, list(whole))
    results = _Results.read(session, competencies, scope)

    def effect(course_id: int, tally: _Tally, department: str, only: int | None, split: bool) -> CourseEffect:
        course = courses[course_id]
        lines = tuple(
            competency_effect(
                name,
                competency_id,
                tally.spans,
                results.scores,
                never_attended=results.pool,
                attended_ever=results.attended.get(course_id, frozenset()),
                department_id=only,
                split=split,
            )
            for competency_id, name in competencies.get(course_id, ())
        )
        return CourseEffect(
            course_id,
            course.code,
            course.title,
            department,
            len(tally.sessions),
            len(tally.spans),
            mean(tally.satisfaction),
            mean(tally.rating),
            tally.feedback,
            percent(tally.passed, tally.graded),
            mean(tally.scores),
            len(tally.scores),
            tally.plans_expected,
            tally.plans_in_time,
            tally.plans_adopted,
            lines,
        )

    by_course = [effect(c, tally, "", None, False) for c, tally in whole.items()]
    by_department = [
        effect(c, tally, paths.get(d, "") if d is not None else "", d, True)
        for (c, d), tally in parts.items()
    ]
    return EffectReport(
        first,
        last,
        paths.get(department_id, "") if department_id is not None else "",
        tuple(sorted(by_course, key=lambda e: e.code)),
        tuple(sorted(by_department, key=lambda e: (e.department, e.code))),
    )


def _joined(attendees: Subquery, table: type[_Fact], *columns: InstrumentedAttribute[Any]) -> Select[Any]:
    """(session_id, employee_id, *columns) of `table`'s rows by the counted attendees of held sessions."""
    return select(table.session_id, table.employee_id, *columns).join(
        attendees,
        and_(attendees.c.session_id == table.session_id, attendees.c.employee_id == table.employee_id),
    )


def _competencies(session: Session, course_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """The competencies each course addresses, by name."""
    found: dict[int, list[tuple[int, str]]] = {}
    rows = session.execute(
        select(CourseCompetency.course_id, Competency.id, Competency.name)
        .join(Competency, Competency.id == CourseCompetency.competency_id)
        .where(CourseCompetency.course_id.in_(course_ids))
        .order_by(Competency.name)
    )
    for course_id, competency_id, name in rows:
        found.setdefault(course_id, []).append((competency_id, name))
    return found


@dataclass(frozen=True)
class _Results:
    """What the results level reads: review scores in scope, who may be compared, who ever attended."""

    scores: ReviewScores
    pool: Pool
    attended: dict[int, frozenset[int]]  # course -> everyone who ever attended one of its sessions

    @classmethod
    def read(
        cls,
        session: Session,
        competencies: dict[int, list[tuple[int, str]]],
        scope: Select[Any] | None,
    ) -> _Results:
        competency_ids = sorted({c for lines in competencies.values() for c, _name in lines})
        if not competency_ids:
            return cls(ReviewScores(()), Pool({}), {})
        reviews = (
            select(
                PerformanceReview.employee_id,
                PerformanceReview.period,
                ReviewItem.competency_id,
                ReviewItem.score,
            )
            .join(ReviewItem, ReviewItem.review_id == PerformanceReview.id)
            .join(Employee, Employee.id == PerformanceReview.employee_id)
            .where(ReviewItem.competency_id.in_(competency_ids))
        )
        people = select(Employee.id, Employee.department_id).where(Employee.status != EmployeeStatus.LEFT)
        if scope is not None:
            reviews = reviews.where(Employee.department_id.in_(scope))
            people = people.where(Employee.department_id.in_(scope))
        ever = (
            select(TrainingSession.course_id, Attendance.employee_id)
            .join(Attendance, Attendance.session_id == TrainingSession.id)
            .where(TrainingSession.course_id.in_(list(competencies)), Attendance.status.in_(ATTENDED))
            .distinct()
        )
        attended: dict[int, set[int]] = {}
        for course_id, employee_id in session.execute(ever):
            attended.setdefault(course_id, set()).add(employee_id)
        return cls(
            ReviewScores((e, p, c, v) for e, p, c, v in session.execute(reviews)),
            Pool({e: d for e, d in session.execute(people)}),
            {course: frozenset(ids) for course, ids in attended.items()},
        )
