"""Every person measured against every requirement that applies: met or not, and the gap in words.

An evaluation is as of a year Y: calendar-year requirements count Y, "last N years" the N years up to Y,
"since hire" everything from the hire date to the end of Y. It covers the people employed at the end of
Y (those who left before were employed elsewhere by then; the current status, category, rank, position
and title decide who a requirement applies to). A department head sees only its own people: the
figures come from queries through Employee, which the unit of work narrows to its subtree.

The figures are a handful of SQL aggregates for everyone at once (measures.py); what is left in Python
is comparing numbers. Shares and rates compare exactly: 60 of 90 hours is 2/3 and meets "2/3"; the
hours still needed are rounded up to the hundredth, so doing what the gap says always meets it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.models import (
    AppliesTo,
    Employee,
    EmployeeStatus,
    Measure,
    PeriodKind,
    PersonnelCategory,
    Rank,
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
    amount_text,
    conditions_text,
    list_requirements,
    measure_text,
    say,
    share_text,
    slice_text,
)

# From this day of the year on, the Home tab lists the people still short of a yearly requirement.
AT_RISK_FROM = (10, 1)
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


@dataclass(frozen=True)
class Person:
    """An employee as the evaluation needs them."""

    id: int
    employee_no: str
    name: str
    department_id: int | None
    department: str  # path: 总公司/华东分部/销售部
    status: EmployeeStatus
    category: PersonnelCategory | None
    rank: Rank | None
    position_id: int | None
    title: str | None
    hire_date: date | None


def applies(requirement: RequirementData, person: Person) -> bool:
    """Whether `requirement` is measured for `person` (by what the archive says today)."""
    kind, value = requirement.applies_to, requirement.applies_value
    if kind is AppliesTo.EVERYONE:
        return True
    if kind is AppliesTo.PERSONNEL_CATEGORY:
        return person.category is not None and person.category.value == value
    if kind is AppliesTo.RANK:
        return person.rank is not None and person.rank.value == value
    if kind is AppliesTo.POSITION:
        return person.position_id is not None and person.position_id == requirement.position_id
    if kind is AppliesTo.PROBATION:
        return person.status is EmployeeStatus.PROBATION
    return bool(person.title) and (not value or person.title == value)


@dataclass(frozen=True)
class Shortfall:
    """What one condition (or the hours or credits of one requirement) still lacks."""

    kind: str  # amount, share_impossible, reflections, excellent, excellent_impossible, courses
    measure: Measure | None = None
    amount: Decimal = ZERO  # amount: the total still needed (0: the parts alone say it)
    parts: tuple[tuple[Slice, Decimal], ...] = ()  # amount: slices still short, and by how much
    slice: Slice | None = None  # share_impossible
    count: int = 0  # reflections, excellent: how many more; excellent_impossible: how many are not
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
            return say("gap.reflections", language, count=self.count)
        rate = share_text(self.rate) if self.rate is not None else ""
        if self.kind == "excellent":
            return say(
                "gap.excellent", language, count=self.count, have=self.have, total=self.total, rate=rate
            )
        if self.kind == "excellent_impossible":
            return say("gap.excellent_impossible", language, count=self.count, rate=rate)
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


@dataclass(frozen=True)
class Standing:
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
    figures: Figures

    def gap(self, language: str | None = None) -> str:
        """The gap in words ("" when met): 还差10学时，其中专业科目还差6学时；还差1篇心得."""
        separator = "; " if (language or messages.language()) == "en" else "；"
        return separator.join(s.text(language) for s in self.shortfalls)


# ---- the arithmetic of one person and requirement --------------------------------------------------


def _cents(value: Decimal) -> int:
    return int(value * 100)


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _amount_shortfalls(
    requirement: RequirementData, totals: dict[Measure, Decimal], slices: Sequence[tuple[SliceData, Decimal]]
) -> list[Shortfall]:
    found: list[Shortfall] = []
    for measure in Measure:
        wanted = requirement.minimum(measure)
        have = totals.get(measure, ZERO)
        have_c = _cents(have)
        gap_c = max(_cents(wanted) - have_c, 0) if wanted is not None else 0
        target_c = max(_cents(wanted), have_c) if wanted is not None else have_c
        parts: list[tuple[Slice, int]] = []
        for piece, amount in slices:
            if piece.measure is not measure:
                continue
            part_c = _cents(amount)
            if piece.minimum is not None:
                short = _cents(piece.minimum) - part_c
            else:
                assert piece.share is not None
                num, den = piece.share.numerator, piece.share.denominator
                if part_c * den >= num * target_c:
                    continue  # the share holds at the hours the person will have when the total is met
                # Adding `short` of this slice within the hours still needed anyway…
                short = _ceil_div(num * target_c - den * part_c, den)
                if short > gap_c:
                    # …is not enough: adding it raises the total too, (s·T − S) / (1 − s) of it.
                    if num == den:
                        found.append(
                            Shortfall(
                                "share_impossible",
                                measure,
                                amount=Decimal(have_c - part_c) / 100,
                                slice=piece.slice,
                            )
                        )
                        continue
                    short = _ceil_div(num * have_c - den * part_c, den - num)
            if short > 0:
                parts.append((piece.slice, short))
        if not gap_c and not parts:
            continue
        by_dimension: dict[object, int] = {}
        for piece_of, short in parts:
            by_dimension[piece_of.dimension] = by_dimension.get(piece_of.dimension, 0) + short
        # When the slices still missing add up to the total still missing, the total says nothing more.
        total_c = 0 if any(v >= gap_c for v in by_dimension.values()) else gap_c
        found.append(
            Shortfall(
                "amount",
                measure,
                amount=Decimal(total_c) / 100,
                parts=tuple((p, Decimal(c) / 100) for p, c in parts),
            )
        )
    return found


def _excellent_shortfall(rate: Fraction, counts: SubmissionCounts) -> Shortfall | None:
    num, den = rate.numerator, rate.denominator
    have, total = counts.excellent, counts.submissions
    if total and have * den >= num * total:
        return None
    if num == den and total > have:
        return Shortfall("excellent_impossible", count=total - have, rate=rate)
    # k more excellent ones: (have + k) / (total + k) >= num / den.
    more = max(_ceil_div(num * total - den * have, den - num), 1 if not total else 0) if num < den else 1
    return Shortfall("excellent", count=more, have=have, total=total, rate=rate)


@dataclass
class _Plan:
    """Where one requirement's figures are in the aggregates' results."""

    row: RequirementRow
    window: Window
    totals: dict[Measure, int]  # measure -> amount index
    slices: list[tuple[SliceData, int]]  # slice -> amount index
    submissions: int | None  # window index in the submission counts
    courses: int | None  # window index in the checklist results


def _standing(
    plan: _Plan,
    person: Person,
    *,
    year: int,
    values: Sequence[Decimal],
    counts: Sequence[SubmissionCounts],
    taken: set[str],
) -> Standing:
    data = plan.row.data
    totals = {measure: values[i] for measure, i in plan.totals.items()}
    slices = [(piece, values[i]) for piece, i in plan.slices]
    shortfalls = _amount_shortfalls(data, totals, slices)
    submitted = counts[plan.submissions] if plan.submissions is not None else None
    if data.min_reflections and submitted is not None and submitted.reflections < data.min_reflections:
        shortfalls.append(Shortfall("reflections", count=data.min_reflections - submitted.reflections))
    if data.excellent_rate is not None and submitted is not None:
        missing_rate = _excellent_shortfall(data.excellent_rate, submitted)
        if missing_rate is not None:
            shortfalls.append(missing_rate)
    done: tuple[str, ...] = ()
    if data.needs_courses:
        done = tuple(c.course_code for c in data.courses if c.course_code in taken)
        missing = tuple(c for c in data.courses if c.course_code not in taken)
        if missing:
            shortfalls.append(Shortfall("courses", courses=missing))
    figures = Figures(
        hours=totals.get(Measure.HOURS),
        credits=totals.get(Measure.CREDITS),
        slices=tuple(slices),
        reflections=submitted.reflections if submitted is not None and data.min_reflections else None,
        submissions=submitted.submissions
        if submitted is not None and data.excellent_rate is not None
        else None,
        excellent=submitted.excellent if submitted is not None and data.excellent_rate is not None else None,
        courses_done=done,
    )
    return Standing(
        plan.row.id,
        data.name,
        year,
        person.id,
        person.employee_no,
        person.name,
        person.department,
        not shortfalls,
        tuple(shortfalls),
        figures,
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
    stmt = (
        select(
            Employee.id,
            Employee.employee_no,
            Employee.name,
            Employee.department_id,
            Employee.status,
            Employee.category,
            Employee.rank,
            Employee.position_id,
            Employee.title,
            Employee.hire_date,
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
            hire_date,
        )
        for emp_id, no, name, dept_id, status, category, rank, position_id, title, hire_date in session.execute(
            stmt
        )
    ]


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
    for row in rows:
        data = row.data
        window = Window.of(data.period, year, data.period_years)
        totals = {
            measure: amounts.setdefault(Amount(window, measure), len(amounts))
            for measure in Measure
            if data.minimum(measure) is not None or any(s.measure is measure and s.share for s in data.slices)
        }
        slices = [
            (piece, amounts.setdefault(Amount(window, piece.measure, piece.slice), len(amounts)))
            for piece in data.slices
        ]
        submissions = None
        if data.min_reflections or data.excellent_rate is not None:
            submissions = submission_windows.setdefault(window, len(submission_windows))
        courses = None
        if data.needs_courses:
            courses = checklist_windows.setdefault(window, len(checklist_windows))
            checklist_codes.setdefault(window, set()).update(c.course_code for c in data.courses)
        plans.append(_Plan(row, window, totals, slices, submissions, courses))

    ids = [p.id for p in persons] if len(persons) <= _BY_ID_LIMIT else None
    figures = tally(session, list(amounts), ids)
    counts = submission_counts(session, list(submission_windows), ids)
    taken = [courses_taken(session, window, checklist_codes[window], ids) for window in checklist_windows]

    none_earned = (ZERO,) * len(amounts)
    none_submitted = (SubmissionCounts(),) * len(submission_windows)
    standings: list[Standing] = []
    for plan in plans:
        data = plan.row.data
        for person in persons:
            if not applies(data, person):
                continue
            standings.append(
                _standing(
                    plan,
                    person,
                    year=year,
                    values=figures.get(person.id, none_earned),
                    counts=counts.get(person.id, none_submitted),
                    taken=taken[plan.courses].get(person.id, set()) if plan.courses is not None else set(),
                )
            )
    return standings


def person_standings(session: Session, employee_id: int, year: int) -> list[Standing]:
    """One person against every enabled requirement that applies to them (the employee detail)."""
    return evaluate(session, year, employee_ids=[employee_id])


# ---- lists an office acts on ---------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentGroup:
    department: str
    rows: tuple[Standing, ...]  # by 工号

    @property
    def met(self) -> int:
        return sum(1 for row in self.rows if row.met)


@dataclass(frozen=True)
class EligibilityList:
    """Who meets one requirement as of a year, by department: the Requirements tab, its export and print."""

    requirement_id: int
    requirement: str
    conditions: str  # the requirement in words
    year: int
    groups: tuple[DepartmentGroup, ...]  # by department path

    @property
    def total(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def met(self) -> int:
        return sum(g.met for g in self.groups)


def eligibility(
    session: Session,
    requirement_id: int,
    year: int,
    *,
    department_id: int | None = None,
    text: str = "",
    only: bool | None = None,
) -> EligibilityList:
    """One requirement's list as of `year`: everyone it applies to (in the subtree), or only those who meet
    it (`only` True) or not (False); `text` narrows to names and 工号 containing it."""
    from desktop_hr.services.requirements.rules import get_requirement

    data = get_requirement(session, requirement_id)
    standings = evaluate(session, year, requirement_ids=[requirement_id], department_id=department_id)
    wanted = text.strip()
    groups: dict[str, list[Standing]] = {}
    for standing in standings:
        if wanted and wanted not in standing.name and wanted not in standing.employee_no:
            continue
        if only is not None and standing.met is not only:
            continue
        groups.setdefault(standing.department, []).append(standing)
    return EligibilityList(
        requirement_id,
        data.name,
        conditions_text(data),
        year,
        tuple(DepartmentGroup(name, tuple(rows)) for name, rows in sorted(groups.items())),
    )


def at_risk(session: Session, today: date) -> list[Standing]:
    """From 1 October: the people still short of a requirement of this calendar year (the Home tab's list),
    by department and 工号. Earlier in the year, and for requirements over longer periods (eligibility for a
    promotion, not a yearly duty), nothing."""
    if (today.month, today.day) < AT_RISK_FROM:
        return []
    short = [s for s in evaluate(session, today.year, periods=[PeriodKind.CALENDAR_YEAR]) if not s.met]
    return sorted(short, key=lambda s: (s.department, s.employee_no, s.requirement_id))
