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

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Executable, ScalarSelect, Select, exists, select
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
    Comparisons,
    CompetencyEffect,
    Pair,
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
    people: set[int] = field(default_factory=set)
    satisfaction: list[int] = field(default_factory=list)
    rating: list[int] = field(default_factory=list)
    feedback: int = 0
    scores: list[int] = field(default_factory=list)
    graded: int = 0
    passed: int = 0
    plans_expected: int = 0
    plans_in_time: int = 0
    plans_adopted: int = 0


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
        for row in _rows(
            session,
            select(
                TrainingSession.id,
                TrainingSession.course_id,
                TrainingSession.starts_at,
                TrainingSession.ends_at,
                TrainingSession.pass_mark,
                TrainingSession.assignment_type,
            ).where(TrainingSession.id.in_(held_ids)),
        )
    }
    attendee_query = (
        select(Attendance.session_id, Attendance.employee_id, Employee.department_id)
        .join(Employee, Employee.id == Attendance.employee_id)
        .where(Attendance.session_id.in_(held_ids), Attendance.status.in_(ATTENDED))
    )
    if scope is not None:
        attendee_query = attendee_query.where(Employee.department_id.in_(scope))
    attended: dict[tuple[int, int], int | None] = {(s, e): d for s, e, d in _plain(session, attendee_query)}

    whole: dict[int, _Tally] = {}  # by course
    parts: dict[tuple[int, int | None], _Tally] = {}  # by course and the attendee's department
    counted: dict[tuple[int, int], tuple[_Tally, _Tally]] = {}  # each attendance's two tallies
    spans: dict[tuple[int, int], tuple[date, date]] = {}  # (course, employee) -> first start, last end
    for (session_id, employee_id), department in attended.items():
        one = held[session_id]
        pair = (
            whole.setdefault(one.course_id, _Tally()),
            parts.setdefault((one.course_id, department), _Tally()),
        )
        counted[(session_id, employee_id)] = pair
        for tally in pair:
            tally.sessions.add(session_id)
            tally.people.add(employee_id)
            tally.plans_expected += one.wants_plan
        earliest, latest = spans.get((one.course_id, employee_id), (one.starts, one.ends))
        spans[(one.course_id, employee_id)] = (min(earliest, one.starts), max(latest, one.ends))

    def tallies_of(session_id: int, employee_id: int) -> tuple[_Tally, ...]:
        """The course's and the course-in-the-department's tallies; none for someone not counted (absent, or
        outside the department's subtree)."""
        return counted.get((session_id, employee_id), ())

    for session_id, employee_id, satisfaction, rating in _rows(
        session, _facts(held_ids, Feedback, Feedback.trainer_satisfaction, Feedback.course_rating)
    ):
        for tally in tallies_of(session_id, employee_id):
            tally.feedback += 1
            if satisfaction is not None:
                tally.satisfaction.append(satisfaction)
            if rating is not None:
                tally.rating.append(rating)
    for session_id, employee_id, score in _rows(session, _facts(held_ids, ExamResult, ExamResult.score)):
        pass_mark = held[session_id].pass_mark
        for tally in tallies_of(session_id, employee_id):
            tally.scores.append(score)
            if pass_mark is not None:
                tally.graded += 1
                tally.passed += score >= pass_mark
    plans = _facts(held_ids, Submission, Submission.submitted_at, Submission.adopted).where(
        Submission.kind == AssignmentType.ACTION_PLAN
    )
    for session_id, employee_id, submitted_at, adopted in _rows(session, plans):
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
    scores, comparisons = _results(session, competencies, scope, {e for _s, e in attended})

    found: dict[tuple[int, int], dict[int, Pair]] = {}  # (course, competency) -> each attendee's scores

    def _pairs_of(course_id: int, competency_id: int, people: set[int]) -> list[Pair]:
        """The before/after scores of `people` (a course's attendees, or those of one department), read once
        per course and competency for every attendee of the course."""
        key = (course_id, competency_id)
        if key not in found:
            attendees = {e: spans[(course_id, e)] for e in whole[course_id].people}
            found[key] = scores.pairs(competency_id, attendees)
        by_person = found[key]
        return [by_person[e] for e in people if e in by_person]

    def effect(course_id: int, tally: _Tally, department: str, only: int | None, split: bool) -> CourseEffect:
        course = courses[course_id]
        lines = tuple(
            competency_effect(
                name,
                (course_id, competency_id),
                _pairs_of(course_id, competency_id, tally.people),
                comparisons,
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
            len(tally.people),
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


def _facts(
    held_ids: ScalarSelect[Any], table: type[_Fact], *columns: InstrumentedAttribute[Any]
) -> Select[Any]:
    """(session_id, employee_id, *columns) of `table`'s rows on held sessions (whose are counted is decided
    in memory: joining the attendees here made SQLite run their query once per row)."""
    return select(table.session_id, table.employee_id, *columns).where(table.session_id.in_(held_ids))


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


def _results(
    session: Session,
    competencies: dict[int, list[tuple[int, str]]],
    scope: Select[Any] | None,
    attendees: set[int],
) -> tuple[ReviewScores, Comparisons]:
    """The review scores in scope on the courses' competencies, and the comparison groups over them."""
    competency_ids = sorted({c for lines in competencies.values() for c, _name in lines})
    if not competency_ids:
        return ReviewScores((), attendees), Comparisons(ReviewScores((), attendees), {}, {})
    reviews = (
        select(
            PerformanceReview.employee_id,
            PerformanceReview.period,
            ReviewItem.competency_id,
            ReviewItem.score,
        )
        .join(ReviewItem, ReviewItem.review_id == PerformanceReview.id)
        .where(ReviewItem.competency_id.in_(competency_ids))
    )
    people = select(Employee.id, Employee.department_id).where(Employee.status != EmployeeStatus.LEFT)
    if scope is not None:
        reviews = reviews.join(Employee, Employee.id == PerformanceReview.employee_id).where(
            Employee.department_id.in_(scope)
        )
        people = people.where(Employee.department_id.in_(scope))
    ever = (
        select(TrainingSession.course_id, Attendance.employee_id)
        .join(Attendance, Attendance.session_id == TrainingSession.id)
        .where(TrainingSession.course_id.in_(list(competencies)), Attendance.status.in_(ATTENDED))
        .distinct()
    )
    attended: dict[int, set[int]] = {}
    for course_id, employee_id in _plain(session, ever):
        attended.setdefault(course_id, set()).add(employee_id)
    scores = ReviewScores(_plain(session, reviews), attendees)
    departments = {e: d for e, d in _plain(session, people)}
    return scores, Comparisons(scores, departments, attended)


def _rows(session: Session, query: Executable) -> Sequence[Any]:
    """Plain rows of a read, fetched at once (the ORM's row processing, and fetching row by row, cost a third
    of the report's time at office scale)."""
    return session.connection().execute(query).all()


def _plain(session: Session, query: Executable) -> list[tuple[Any, ...]]:
    """The database driver's own tuples, for reads of whole numbers and plain text only (no value needs
    converting): building a Row for each of the 100,000-odd review and attendance rows took longer than
    reading them."""
    return list(session.connection().execute(query).cursor.fetchall())
