"""Every person measured against every requirement that applies: met or not, and the gap in words.

An evaluation is as of a year Y: calendar-year requirements count Y, "last N years" the N years up to Y,
"since hire" everything from the hire date to the end of Y. It covers the people employed at the end of
Y (those who left before, or hired after, are not; the current status, category, rank, position and
title decide who a requirement applies to). A department head sees only its own people: the people
and the figures come from queries through Employee, which the unit of work narrows to its subtree.

The figures are a handful of SQL aggregates for everyone at once (measures.py); what is left in Python
is comparing numbers. Shares and rates compare exactly: 60 of 90 hours is 2/3 and meets "2/3"; the
hours still needed are rounded up to the hundredth, so doing what the gap says always meets it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from sqlalchemy import String, or_, select, type_coerce
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.models import (
    AppliesTo,
    Employee,
    EmployeeStatus,
    Measure,
    PeriodKind,
)
from desktop_hr.services.archive.organisation import department_paths, subtree_ids
from desktop_hr.services.requirements.measures import (
    ZERO,
    Amount,
    Slice,
    SubmissionCounts,
    Window,
    courses_taken,
    submission_counts,
    tally,
)
from desktop_hr.services.requirements.rules import (
    CourseItem,
    RequirementData,
    RequirementRow,
    SliceData,
    list_requirements,
)
from desktop_hr.services.requirements.wording import amount_text, measure_text, say, share_text, slice_text

# From this day of the year on, the Home tab lists the people still short of a yearly requirement.
# Up to this many people, the aggregates read only their rows; beyond, everyone's (one pass is cheaper).
_BY_ID_LIMIT = 500

messages.define(
    {
        "gap.total": ("还差{amount}{measure}", "{amount} more {measure}"),
        "gap.of_which": ("，其中{parts}", ", of which {parts}"),
        "gap.part": ("{slice}还差{amount}{measure}", "{amount} in {slice}"),
        "gap.slice": ("{slice}还差{amount}{measure}", "{amount} more {measure} in {slice}"),
        "gap.share_impossible": (
            "{measure}须全部为{slice}，已有{other}{measure}不是",
            "all {measure} must be in {slice}, but {other} are not",
        ),
        "gap.reflections": ("还差{count}篇心得", "{count} more reflection(s)"),
        "gap.excellent": (
            "还差{count}篇优秀提交（现为{have}/{total}，优秀率须不低于{rate}）",
            "{count} more excellent submission(s) (now {have} of {total}; at least {rate} needed)",
        ),
        "gap.excellent_impossible": (
            "优秀率须为{rate}，已有{count}篇未评为优秀",
            "the excellent rate must be {rate}, and {count} submission(s) are not excellent",
        ),
        "gap.courses": ("还差课程：{courses}", "courses still to attend: {courses}"),
        "gap.course": ("{title}（{code}）", "{title} ({code})"),
    }
)


class Person(NamedTuple):
    """An employee as the evaluation needs them."""

    id: int
    employee_no: str
    name: str
    department_id: int | None
    department: str  # path: 总公司/华东分部/销售部
    status: str  # EmployeeStatus value
    category: str | None  # PersonnelCategory value
    rank: str | None  # Rank value
    position_id: int | None
    title: str | None


def applies(requirement: RequirementData, person: Person) -> bool:
    """Whether `requirement` is measured for `person` (by what the archive says today)."""
    kind, value = requirement.applies_to, requirement.applies_value
    if kind is AppliesTo.EVERYONE:
        return True
    if kind is AppliesTo.PERSONNEL_CATEGORY:
        return person.category == value
    if kind is AppliesTo.RANK:
        return person.rank == value
    if kind is AppliesTo.POSITION:
        return person.position_id is not None and person.position_id == requirement.position_id
    if kind is AppliesTo.PROBATION:
        return person.status == EmployeeStatus.PROBATION
    return bool(person.title) and (not value or person.title == value)


class Shortfall(NamedTuple):
    """What one condition (or the hours or credits of one requirement) still lacks.

    Named tuples, as Standing: an evaluation makes tens of thousands, and a frozen dataclass of this many
    fields takes several times as long to build."""

    kind: str  # amount, share_impossible, reflections, excellent, excellent_impossible, courses
    measure: Measure | None = None
    amount: Decimal = ZERO  # amount: the total still needed (0: the parts alone say it)
    parts: tuple[tuple[Slice, Decimal], ...] = ()  # amount: slices still short, and by how much
    slice: Slice | None = None  # share_impossible
    number: int = 0  # reflections, excellent: how many more; excellent_impossible: how many are not
    have: int = 0  # excellent: excellent submissions so far
    total: int = 0  # excellent: submissions so far
    rate: Fraction | None = None
    courses: tuple[CourseItem, ...] = ()

    def text(self, language: str | None = None) -> str:
        english = (language or messages.language()) == "en"
        joined = ", " if english else "、"
        if self.kind == "amount":
            assert self.measure is not None
            unit = measure_text(self.measure, language)
            if not self.amount:
                return joined.join(
                    say(
                        "gap.slice",
                        language,
                        slice=slice_text(p, language),
                        amount=amount_text(x),
                        measure=unit,
                    )
                    for p, x in self.parts
                )
            text = say("gap.total", language, amount=amount_text(self.amount), measure=unit)
            if self.parts:
                listed = joined.join(
                    say(
                        "gap.part",
                        language,
                        slice=slice_text(p, language),
                        amount=amount_text(x),
                        measure=unit,
                    )
                    for p, x in self.parts
                )
                text += say("gap.of_which", language, parts=listed)
            return text
        if self.kind == "share_impossible":
            assert self.measure is not None and self.slice is not None
            return say(
                "gap.share_impossible",
                language,
                measure=measure_text(self.measure, language),
                slice=slice_text(self.slice, language),
                other=amount_text(self.amount),
            )
        if self.kind == "reflections":
            return say("gap.reflections", language, count=self.number)
        rate = share_text(self.rate) if self.rate is not None else ""
        if self.kind == "excellent":
            return say(
                "gap.excellent", language, count=self.number, have=self.have, total=self.total, rate=rate
            )
        if self.kind == "excellent_impossible":
            return say("gap.excellent_impossible", language, count=self.number, rate=rate)
        listed = joined.join(
            say("gap.course", language, title=c.title or c.course_code, code=c.course_code)
            for c in self.courses
        )
        return say("gap.courses", language, courses=listed)


@dataclass(frozen=True)
class Figures:
    """What was counted for one person and requirement (None: the requirement does not ask for it)."""

    hours: Decimal | None = None
    credits: Decimal | None = None
    slices: tuple[tuple[SliceData, Decimal], ...] = ()
    reflections: int | None = None
    submissions: int | None = None
    excellent: int | None = None
    courses_done: tuple[str, ...] = ()  # the checklist's course codes attended


class Standing(NamedTuple):
    """One person against one requirement, as of a year."""

    requirement_id: int
    requirement: str
    year: int
    employee_id: int
    employee_no: str
    name: str
    department: str
    met: bool
    shortfalls: tuple[Shortfall, ...]
    # What the figures are made from, turned into Decimals only when asked for (a list of 30,000 standings
    # shows verdicts and gaps; the figures are for one person's view and report).
    plan: _Plan
    values: Sequence[int]
    submitted: SubmissionCounts | None
    taken: set[str]

    @property
    def figures(self) -> Figures:
        return _figures(self.plan, self.values, self.submitted, self.taken)

    def gap(self, language: str | None = None) -> str:
        """The gap in words ("" when met): 还差10学时，其中专业科目还差6学时；还差1篇心得."""
        separator = "; " if (language or messages.language()) == "en" else "；"
        return separator.join(s.text(language) for s in self.shortfalls)


# ---- the arithmetic of one person and requirement --------------------------------------------------
# Everything here is in integer hundredths (9000 is 90 学时), as the aggregates return them: exact, and
# cheap enough to run for every person and requirement of a large office.


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True, slots=True)
class _SliceCheck:
    condition: SliceData
    slice: Slice
    index: int  # of its amount in the aggregate's results
    minimum: int | None  # hundredths
    num: int  # share numerator / denominator (a minimum: 0 / 1)
    den: int


@dataclass(frozen=True, slots=True)
class _MeasureCheck:
    """The hours or the credits a requirement asks for: the total and the slices, where to read them."""

    measure: Measure
    total_index: int | None
    wanted: int | None  # hundredths; None: no minimum in all
    slices: tuple[_SliceCheck, ...]


def _amount_shortfall(check: _MeasureCheck, values: Sequence[int], found: list[Shortfall]) -> None:
    have = values[check.total_index] if check.total_index is not None else 0
    gap = max(check.wanted - have, 0) if check.wanted is not None else 0
    target = max(check.wanted, have) if check.wanted is not None else have
    parts: list[tuple[_SliceCheck, int]] = []
    for piece in check.slices:
        part = values[piece.index]
        if piece.minimum is not None:
            short = piece.minimum - part
        else:
            num, den = piece.num, piece.den
            if part * den >= num * target:
                continue  # the share holds at the total the person will have once the total is met
            # Adding `short` of this slice within what is still needed in all anyway…
            short = _ceil_div(num * target - den * part, den)
            if short > gap:
                # …is not enough: adding it raises the total too, so (s·T − S) / (1 − s) of it.
                if num == den:
                    found.append(
                        Shortfall(
                            "share_impossible",
                            check.measure,
                            amount=Decimal(have - part).scaleb(-2),
                            slice=piece.slice,
                        )
                    )
                    continue
                short = _ceil_div(num * have - den * part, den - num)
        if short > 0:
            parts.append((piece, short))
    if not gap and not parts:
        return
    by_dimension: dict[object, int] = {}
    for piece, short in parts:
        by_dimension[piece.slice.dimension] = by_dimension.get(piece.slice.dimension, 0) + short
    # When the slices still missing add up to the total still missing, the total says nothing more.
    total = 0 if any(v >= gap for v in by_dimension.values()) else gap
    found.append(
        Shortfall(
            "amount",
            check.measure,
            amount=Decimal(total).scaleb(-2),
            parts=tuple((piece.slice, Decimal(short).scaleb(-2)) for piece, short in parts),
        )
    )


def _excellent_shortfall(rate: Fraction, counts: SubmissionCounts) -> Shortfall | None:
    num, den = rate.numerator, rate.denominator
    have, total = counts.excellent, counts.submissions
    if total and have * den >= num * total:
        return None
    if num == den and total > have:
        return Shortfall("excellent_impossible", number=total - have, rate=rate)
    # k more excellent ones: (have + k) / (total + k) >= num / den; at least one when there is none yet.
    more = max(_ceil_div(num * total - den * have, den - num), 1 if not total else 0) if num < den else 1
    return Shortfall("excellent", number=more, have=have, total=total, rate=rate)


@dataclass(frozen=True)
class _Plan:
    """One requirement, ready to be compared with each person's figures."""

    row: RequirementRow
    measures: tuple[_MeasureCheck, ...]
    submissions: int | None  # window index in the submission counts
    courses: int | None  # window index in the checklist results
    reflections: int  # minimum, 0: not asked
    excellent_rate: Fraction | None
    checklist: tuple[CourseItem, ...]


def _plan(row: RequirementRow, window: Window, index: Callable[[Amount], int]) -> tuple[_MeasureCheck, ...]:
    data = row.data
    checks: list[_MeasureCheck] = []
    for measure in Measure:
        wanted = data.minimum(measure)
        slices = tuple(
            _SliceCheck(
                piece,
                piece.slice,
                index(Amount(window, measure, piece.slice)),
                None if piece.minimum is None else int(piece.minimum * 100),
                piece.share.numerator if piece.share is not None else 0,
                piece.share.denominator if piece.share is not None else 1,
            )
            for piece in data.slices
            if piece.measure is measure
        )
        if wanted is None and not slices:
            continue
        needs_total = wanted is not None or any(c.minimum is None for c in slices)
        checks.append(
            _MeasureCheck(
                measure,
                index(Amount(window, measure)) if needs_total else None,
                None if wanted is None else int(wanted * 100),
                slices,
            )
        )
    return tuple(checks)


def _figures(
    plan: _Plan, values: Sequence[int], submitted: SubmissionCounts | None, taken: set[str]
) -> Figures:
    totals = {c.measure: values[c.total_index] for c in plan.measures if c.total_index is not None}
    asks_rate = submitted is not None and plan.excellent_rate is not None
    return Figures(
        hours=Decimal(totals[Measure.HOURS]).scaleb(-2) if Measure.HOURS in totals else None,
        credits=Decimal(totals[Measure.CREDITS]).scaleb(-2) if Measure.CREDITS in totals else None,
        slices=tuple(
            (piece.condition, Decimal(values[piece.index]).scaleb(-2))
            for check in plan.measures
            for piece in check.slices
        ),
        reflections=submitted.reflections if submitted is not None and plan.reflections else None,
        submissions=submitted.submissions if asks_rate and submitted is not None else None,
        excellent=submitted.excellent if asks_rate and submitted is not None else None,
        courses_done=tuple(c.course_code for c in plan.checklist if c.course_code in taken),
    )


def _standing(  # noqa: PLR0917 (called once per person and requirement: positional is cheaper)
    plan: _Plan,
    person: Person,
    year: int,
    values: Sequence[int],
    counts: Sequence[SubmissionCounts],
    taken: set[str],
) -> Standing:
    shortfalls: list[Shortfall] = []
    for check in plan.measures:
        _amount_shortfall(check, values, shortfalls)
    submitted = counts[plan.submissions] if plan.submissions is not None else None
    if submitted is not None:
        if plan.reflections and submitted.reflections < plan.reflections:
            shortfalls.append(Shortfall("reflections", number=plan.reflections - submitted.reflections))
        if plan.excellent_rate is not None:
            missing_rate = _excellent_shortfall(plan.excellent_rate, submitted)
            if missing_rate is not None:
                shortfalls.append(missing_rate)
    if plan.checklist:
        missing = tuple(c for c in plan.checklist if c.course_code not in taken)
        if missing:
            shortfalls.append(Shortfall("courses", courses=missing))
    return Standing(
        plan.row.id,
        plan.row.data.name,
        year,
        person.id,
        person.employee_no,
        person.name,
        person.department,
        not shortfalls,
        tuple(shortfalls),
        plan,
        values,
        submitted,
        taken,
    )


# ---- evaluating --------------------------------------------------------------------------------------


def people(
    session: Session,
    year: int,
    *,
    employee_ids: Iterable[int] | None = None,
    department_id: int | None = None,
) -> list[Person]:
    """The people employed at the end of `year` (those a department head sees), by 工号."""
    end = date(year, 12, 31)
    # Raw values for the enums: they are compared with StrEnum members, which equal their values.
    stmt = (
        select(
            Employee.id,
            Employee.employee_no,
            Employee.name,
            Employee.department_id,
            type_coerce(Employee.status, String),
            type_coerce(Employee.category, String),
            type_coerce(Employee.rank, String),
            Employee.position_id,
            Employee.title,
        )
        .where(
            or_(Employee.status != EmployeeStatus.LEFT, Employee.leave_date > end),
            or_(Employee.hire_date.is_(None), Employee.hire_date <= end),
        )
        .order_by(Employee.employee_no)
    )
    if employee_ids is not None:
        stmt = stmt.where(Employee.id.in_(sorted(set(employee_ids))))
    if department_id is not None:
        stmt = stmt.where(Employee.department_id.in_(subtree_ids(session, department_id)))
    paths = department_paths(session)
    return [
        Person(
            emp_id,
            no,
            name,
            dept_id,
            paths.get(dept_id, "") if dept_id is not None else "",
            status,
            category,
            rank,
            position_id,
            title,
        )
        for emp_id, no, name, dept_id, status, category, rank, position_id, title in session.execute(stmt)
    ]


@contextmanager
def _building_many() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of small results are built.

    None of them is in a reference cycle (reference counting frees them), but every collection the
    allocations trigger walks them and the rest of the heap again: a quarter of an evaluation of 10,000
    people. Switched back on afterwards only if it was on, so two threads evaluating at once leave it on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def evaluate(
    session: Session,
    year: int,
    *,
    requirement_ids: Iterable[int] | None = None,
    employee_ids: Iterable[int] | None = None,
    department_id: int | None = None,
    periods: Iterable[PeriodKind] | None = None,
) -> list[Standing]:
    """Every person (of the department subtree, or the ids given) against every enabled requirement (or the
    ids given, enabled or not) that applies to them, as of `year`: by requirement, then 工号."""
    with _building_many():
        return _evaluate(session, year, requirement_ids, employee_ids, department_id, periods)


def _evaluate(  # noqa: PLR0917 (evaluate's arguments, passed on)
    session: Session,
    year: int,
    requirement_ids: Iterable[int] | None,
    employee_ids: Iterable[int] | None,
    department_id: int | None,
    periods: Iterable[PeriodKind] | None,
) -> list[Standing]:
    wanted_ids = None if requirement_ids is None else set(requirement_ids)
    wanted_periods = None if periods is None else set(periods)
    rows = [
        row
        for row in list_requirements(session, enabled_only=wanted_ids is None)
        if (wanted_ids is None or row.id in wanted_ids)
        and (wanted_periods is None or row.data.period in wanted_periods)
    ]
    persons = people(session, year, employee_ids=employee_ids, department_id=department_id)
    if not rows or not persons:
        return []

    amounts: dict[Amount, int] = {}
    submission_windows: dict[Window, int] = {}
    checklist_windows: dict[Window, int] = {}
    checklist_codes: dict[Window, set[str]] = {}
    plans: list[_Plan] = []

    def index(amount: Amount) -> int:
        return amounts.setdefault(amount, len(amounts))

    for row in rows:
        data = row.data
        window = Window.of(data.period, year, data.period_years)
        submissions = None
        if data.min_reflections or data.excellent_rate is not None:
            submissions = submission_windows.setdefault(window, len(submission_windows))
        courses = None
        if data.needs_courses:
            courses = checklist_windows.setdefault(window, len(checklist_windows))
            checklist_codes.setdefault(window, set()).update(c.course_code for c in data.courses)
        plans.append(
            _Plan(
                row,
                _plan(row, window, index),
                submissions,
                courses,
                data.min_reflections or 0,
                data.excellent_rate,
                data.courses if data.needs_courses else (),
            )
        )

    # Who each requirement applies to, first: a query that only some people need (the probation checklist)
    # reads only their rows when they are few.
    applicable = [[person for person in persons if applies(plan.row.data, person)] for plan in plans]

    def only(needed: Iterable[int]) -> list[int] | None:
        wanted = {p.id for i in needed for p in applicable[i]}
        return sorted(wanted) if len(wanted) <= _BY_ID_LIMIT else None

    every = range(len(plans))
    figures = tally(session, list(amounts), only(every)) if amounts else {}
    counts = (
        submission_counts(
            session, list(submission_windows), only(i for i in every if plans[i].submissions is not None)
        )
        if submission_windows
        else {}
    )
    taken = [
        courses_taken(
            session,
            window,
            checklist_codes[window],
            only(i for i in every if plans[i].courses == position),
        )
        for window, position in checklist_windows.items()
    ]

    none_earned = (0,) * len(amounts)
    none_submitted = (SubmissionCounts(),) * len(submission_windows)
    nothing_taken: set[str] = set()
    standings: list[Standing] = []
    for plan, people_of_plan in zip(plans, applicable, strict=True):
        taken_here = taken[plan.courses] if plan.courses is not None else {}
        standings.extend(
            _standing(
                plan,
                person,
                year,
                figures.get(person.id, none_earned),
                counts.get(person.id, none_submitted),
                taken_here.get(person.id, nothing_taken),
            )
            for person in people_of_plan
        )
    return standings


def person_standings(session: Session, employee_id: int, year: int) -> list[Standing]:
    """One person against every enabled requirement that applies to them (the employee detail)."""
    return evaluate(session, year, employee_ids=[employee_id])
