"""Credits and class hours (学分 / 学时) per employee and period, reflections and submissions, courses taken.

Counted as on the training history: the course's hours and credits for every session the person attended
(出勤, 迟到, or 完成 online; 缺勤 and 请假 earn nothing), by the session's start date, plus the hours and
credits of the historical training records, by their date. Every figure is an SQL aggregate grouped by
employee, asked for column by column (`Amount`), so evaluating every requirement for the whole company
is one pass over the sign-ins and one over the records, not a loop over them. Amounts are exact: integer
hundredths from `tally`, Decimals with two places from `earned`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    false,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from desktop_hr.models import (
    AssignmentType,
    Attendance,
    Competency,
    Course,
    CourseCategory,
    CourseClassification,
    CourseCompetency,
    Delivery,
    Dimension,
    Employee,
    Measure,
    PeriodKind,
    SubjectType,
    Submission,
    TrainingRecord,
    TrainingSession,
)

# The one place this area reads which sign-in statuses earn a course's hours and credits.
from desktop_hr.services.training.facts import ATTENDED

ZERO = Decimal("0.00")


# The enum each dimension's values come from (competencies are named, not enumerated).
DIMENSION_VALUES: dict[Dimension, type[enum.Enum] | None] = {
    Dimension.CATEGORY: CourseCategory,
    Dimension.SUBJECT: SubjectType,
    Dimension.CLASSIFICATION: CourseClassification,
    Dimension.DELIVERY: Delivery,
    Dimension.COMPETENCY: None,
}


@dataclass(frozen=True)
class Window:
    """A period as dates: from `start` (None: since always; `since_hire`: from each person's hire date,
    or since always without one) up to, not including, `end`."""

    start: date | None
    end: date
    since_hire: bool = False

    @classmethod
    def of(cls, kind: PeriodKind, year: int, years: int | None = None) -> Window:
        """The period of a requirement evaluated as of `year` (its training up to 31 December)."""
        end = date(year + 1, 1, 1)
        if kind is PeriodKind.CALENDAR_YEAR:
            return cls(date(year, 1, 1), end)
        if kind is PeriodKind.LAST_YEARS:
            return cls(date(year - max(years or 1, 1) + 1, 1, 1), end)
        return cls(None, end, since_hire=True)

    @classmethod
    def year(cls, year: int) -> Window:
        return cls(date(year, 1, 1), date(year + 1, 1, 1))


@dataclass(frozen=True, slots=True)
class Slice:
    """Part of a person's training: a category, subject, classification, delivery, or the courses that
    address a competency (`value`: the enum value, or the competency's name)."""

    dimension: Dimension
    value: str


@dataclass(frozen=True)
class Amount:
    """One figure to sum per employee: hours or credits earned in a window, of one slice or in all."""

    window: Window
    measure: Measure
    slice: Slice | None = None


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _in_window(moment: Any, window: Window, *, timestamps: bool) -> ColumnElement[bool]:
    """`moment` (a session's start, a record's date) within `window`. Sessions' starts are compared with
    datetimes at midnight, records' dates with dates, so both are exact on SQLite and PostgreSQL."""

    def bound(day: date) -> date | datetime:
        return datetime.combine(day, datetime.min.time()) if timestamps else day

    parts = [moment < bound(window.end)]
    if window.start is not None:
        parts.append(moment >= bound(window.start))
    if window.since_hire:
        parts.append(or_(Employee.hire_date.is_(None), moment >= Employee.hire_date))
    return and_(*parts)


def _needs_employee(session: Session, windows: Sequence[Window]) -> bool:
    principal = session.info.get("principal")
    # A department head's queries see its own people only, through Employee: join it to be narrowed.
    return any(w.since_hire for w in windows) or bool(getattr(principal, "scoped", False))


def competency_courses(session: Session, names: Iterable[str]) -> dict[str, list[int]]:
    """Competency name -> the ids of the courses that address it (a name no competency has: none)."""
    wanted = sorted(set(names))
    found: dict[str, list[int]] = {name: [] for name in wanted}
    if wanted:
        for name, course_id in session.execute(
            select(Competency.name, CourseCompetency.course_id)
            .join(CourseCompetency, CourseCompetency.competency_id == Competency.id)
            .where(Competency.name.in_(wanted))
        ):
            found[name].append(int(course_id))
    return found


def _slice_condition(source: Any, piece: Slice, courses: Mapping[str, list[int]]) -> ColumnElement[bool]:
    """`piece` on a row of `source` (Course for sign-ins, TrainingRecord for records)."""
    if piece.dimension is Dimension.COMPETENCY:
        ids = courses.get(piece.value, [])
        return source.id.in_(ids) if ids and source is Course else false()
    column = getattr(source, piece.dimension.value, None)
    if column is None:
        return false()  # records carry no delivery
    values = DIMENSION_VALUES[piece.dimension]
    assert values is not None
    return cast(ColumnElement[bool], column == values(piece.value))


def tally(
    session: Session, amounts: Sequence[Amount], employee_ids: Sequence[int] | None = None
) -> dict[int, tuple[int, ...]]:
    """Employee id -> each of `amounts`, in order, in hundredths (an exact integer: 9000 is 90 学时), for
    everyone who earned anything (people with nothing are left out: read them as zeros).

    Two aggregates grouped by employee, one over the sign-ins and one over the historical records, each a
    single pass with a conditional sum per amount (the window and the slice in the CASE, not in a WHERE: a
    date bound there makes SQLite walk the sessions by date and sort 100,000 rows to group them). The sums
    stay integers from the database to the verdict.
    """
    if not amounts:
        return {}
    join_employee = _needs_employee(session, [a.window for a in amounts])
    courses = competency_courses(
        session, (a.slice.value for a in amounts if a.slice and a.slice.dimension is Dimension.COMPETENCY)
    )

    def sums(source: Any, moment: Any, *, timestamps: bool) -> list[ColumnElement[int]]:
        columns: list[ColumnElement[int]] = []
        for amount in amounts:
            condition = _in_window(moment, amount.window, timestamps=timestamps)
            if amount.slice is not None:
                condition = and_(condition, _slice_condition(source, amount.slice, courses))
            # The column's raw hundredths: 10,000 rows of a dozen Decimals would cost more than the sums.
            hundredths = type_coerce(getattr(source, amount.measure.value), Integer)
            columns.append(type_coerce(func.sum(case((condition, hundredths), else_=0)), Integer))
        return columns

    signed_in = (
        select(Attendance.employee_id, *sums(Course, TrainingSession.starts_at, timestamps=True))
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(Attendance.status.in_(ATTENDED))
        .group_by(Attendance.employee_id)
    )
    recorded = select(
        TrainingRecord.employee_id, *sums(TrainingRecord, TrainingRecord.on_date, timestamps=False)
    ).group_by(TrainingRecord.employee_id)
    if join_employee:
        signed_in = signed_in.join(Employee, Employee.id == Attendance.employee_id)
        recorded = recorded.join(Employee, Employee.id == TrainingRecord.employee_id)
    if employee_ids is not None:
        signed_in = signed_in.where(Attendance.employee_id.in_(employee_ids))
        recorded = recorded.where(TrainingRecord.employee_id.in_(employee_ids))
    found: dict[int, tuple[int, ...]] = {}
    for employee_id, *values in session.execute(signed_in):
        found[int(employee_id)] = tuple(values)
    for employee_id, *values in session.execute(recorded):
        before = found.get(int(employee_id))
        found[int(employee_id)] = (
            tuple(values) if before is None else tuple(a + b for a, b in zip(before, values, strict=True))
        )
    return found


def from_hundredths(value: int) -> Decimal:
    """9000 → Decimal("90.00")."""
    return Decimal(value).scaleb(-2)


# ---- the split of item 1: everything a person earned in a period, by each dimension ------------------


ENUM_SLICES: tuple[Slice, ...] = tuple(
    Slice(dimension, member.value)
    for dimension, values in DIMENSION_VALUES.items()
    if values is not None
    for member in values
)


@dataclass(frozen=True)
class Earned:
    """Hours and credits of one person in one period, in all and by every category, subject, classification
    and delivery (slices with nothing earned are zero)."""

    hours: Decimal
    credits: Decimal
    hours_by: Mapping[Slice, Decimal]
    credits_by: Mapping[Slice, Decimal]

    def of(self, measure: Measure, piece: Slice | None = None) -> Decimal:
        if piece is None:
            return self.hours if measure is Measure.HOURS else self.credits
        return (self.hours_by if measure is Measure.HOURS else self.credits_by).get(piece, ZERO)


NOTHING_EARNED = Earned(ZERO, ZERO, {}, {})


def earned(session: Session, window: Window, employee_ids: Sequence[int] | None = None) -> dict[int, Earned]:
    """Employee id -> what they earned in `window`, split every way; people with nothing left out."""
    amounts = [Amount(window, measure, piece) for measure in Measure for piece in (None, *ENUM_SLICES)]
    found: dict[int, Earned] = {}
    width = 1 + len(ENUM_SLICES)
    for employee_id, raw in tally(session, amounts, employee_ids).items():
        values = [from_hundredths(v) for v in raw]
        hours, credits = values[:width], values[width:]
        found[employee_id] = Earned(
            hours[0],
            credits[0],
            dict(zip(ENUM_SLICES, hours[1:], strict=True)),
            dict(zip(ENUM_SLICES, credits[1:], strict=True)),
        )
    return found


# ---- submissions and courses ------------------------------------------------------------------------


class SubmissionCounts(NamedTuple):
    reflections: int = 0  # 心得 handed in
    submissions: int = 0  # reflections, action plans and homework
    excellent: int = 0  # of which marked excellent (优秀)


def submission_counts(
    session: Session, windows: Sequence[Window], employee_ids: Sequence[int] | None = None
) -> dict[int, tuple[SubmissionCounts, ...]]:
    """Employee id -> their submissions per window (by the session's date, like the hours it belongs to);
    people with none left out. One aggregate."""
    if not windows:
        return {}
    starts = TrainingSession.starts_at
    columns = []
    for window in windows:
        inside = _in_window(starts, window, timestamps=True)
        columns += [
            func.sum(_flag(and_(inside, Submission.kind == AssignmentType.REFLECTION))),
            func.sum(_flag(inside)),
            func.sum(_flag(and_(inside, Submission.excellent.is_(True)))),
        ]
    stmt = (
        select(Submission.employee_id, *columns)
        .join(TrainingSession, TrainingSession.id == Submission.session_id)
        .group_by(Submission.employee_id)
    )
    if _needs_employee(session, windows):
        stmt = stmt.join(Employee, Employee.id == Submission.employee_id)
    if employee_ids is not None:
        stmt = stmt.where(Submission.employee_id.in_(employee_ids))
    found: dict[int, tuple[SubmissionCounts, ...]] = {}
    for employee_id, *values in session.execute(stmt):
        counts = [int(v or 0) for v in values]
        found[int(employee_id)] = tuple(
            SubmissionCounts(*counts[i : i + 3]) for i in range(0, len(counts), 3)
        )
    return found


def courses_taken(
    session: Session,
    window: Window,
    codes: Iterable[str],
    employee_ids: Sequence[int] | None = None,
) -> dict[int, set[str]]:
    """Employee id -> which of the course codes they attended a session of within `window`."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    starts = TrainingSession.starts_at
    stmt = (
        select(Attendance.employee_id, Course.code)
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(
            Attendance.status.in_(ATTENDED),
            Course.code.in_(wanted),
            _in_window(starts, window, timestamps=True),
        )
        .distinct()
    )
    if _needs_employee(session, [window]):
        stmt = stmt.join(Employee, Employee.id == Attendance.employee_id)
    if employee_ids is not None:
        stmt = stmt.where(Attendance.employee_id.in_(employee_ids))
    found: dict[int, set[str]] = {}
    for employee_id, code in session.execute(stmt):
        found.setdefault(int(employee_id), set()).add(str(code))
    return found
