"""The Home tab's dashboard: participation by month, points by category against targets, hours and credits by department.

Every figure is a handful of grouped queries, so the dashboard loads as fast on 10,000 employees and a
million ledger entries as on the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, distinct, func, select, union_all
from sqlalchemy.orm import Session

from desktop_hr.models import (
    Attendance,
    Course,
    Employee,
    Enrolment,
    EnrolmentStatus,
    SessionStatus,
    TrainingRecord,
    TrainingSession,
)
from desktop_hr.services.archive.organisation import department_tree
from desktop_hr.services.points.distribution import DistributionReport, distribution_report
from desktop_hr.services.points.point_reports import Period
from desktop_hr.services.training.facts import ATTENDED

ONE_DECIMAL = Decimal("0.1")
_ZERO = Decimal("0.00")


def _percent(part: int, whole: int) -> Decimal:
    """part / whole in percent with one decimal; 0.0 when there is no whole."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / whole).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def month_starts(today: date, months: int) -> list[date]:
    """The first days of the `months` months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


# ---- participation by month -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonthParticipation:
    month: date  # its first day
    enrolled: int  # enrolments (ENROLLED) in the sessions starting that month
    attended: int  # of those, the people present, late or completed online
    rate: Decimal  # attended / enrolled in percent, one decimal; 0.0 in a month without enrolments


def participation_by_month(session: Session, today: date, months: int = 12) -> list[MonthParticipation]:
    """One line per month, the last `months` months up to today's (oldest first), every month present.

    A session counts in the month it starts, once it has started: sessions from today on (not signed in yet)
    and cancelled sessions count nowhere. Someone who signed in without being enrolled was enrolled on the
    spot by the sign-in, so attended never exceeds enrolled.
    """
    firsts = month_starts(today, months)
    start = datetime.combine(firsts[0], datetime.min.time())
    end = datetime.combine(today, datetime.min.time())
    came = case((Attendance.status.in_(ATTENDED), 1), else_=0)
    per_session = session.execute(
        select(TrainingSession.starts_at, func.count(), func.sum(came))
        .join(Enrolment, Enrolment.session_id == TrainingSession.id)
        .outerjoin(
            Attendance,
            and_(
                Attendance.session_id == Enrolment.session_id, Attendance.employee_id == Enrolment.employee_id
            ),
        )
        .where(
            TrainingSession.starts_at >= start,
            TrainingSession.starts_at < end,
            TrainingSession.status != SessionStatus.CANCELLED,
            Enrolment.status == EnrolmentStatus.ENROLLED,
        )
        .group_by(TrainingSession.id, TrainingSession.starts_at)
    ).all()
    totals = {first: [0, 0] for first in firsts}
    for starts_at, enrolled, attended in per_session:
        line = totals[date(starts_at.year, starts_at.month, 1)]
        line[0] += int(enrolled)
        line[1] += int(attended or 0)
    return [
        MonthParticipation(first, enrolled, attended, _percent(attended, enrolled))
        for first, (enrolled, attended) in totals.items()
    ]


# ---- points by category ---------------------------------------------------------------------------------


def points_by_category(session: Session, period: Period) -> DistributionReport:
    """Each category's share of the points earned in the period against its target (the points tab's report)."""
    return distribution_report(session, period)


# ---- hours and credits by department --------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentTotals:
    """What the people of one top-level unit earned in a year (a unit directly under the company).

    `department_id` is None for the people without a department (`department` and `name` are then "").
    """

    department_id: int | None
    department: str  # the unit's path: 总公司/华东分部
    name: str  # its own name: 华东分部
    hours: Decimal
    credits: Decimal
    people: int  # how many of its people earned anything that year


def _top_units(session: Session) -> dict[int, tuple[int, str, str]]:
    """Every department -> (id, path, name) of the unit it belongs to: itself at the top two levels, else its
    ancestor directly under the company."""
    nodes = department_tree(session)  # parents before children
    top: dict[int, tuple[int, str, str]] = {}
    for node in nodes:
        if node.depth <= 1 or node.parent_id is None:
            top[node.id] = (node.id, node.path_names, node.name)
        else:
            top[node.id] = top[node.parent_id]
    return top


def hours_and_credits_by_department(session: Session, year: int) -> list[DepartmentTotals]:
    """Class hours and credits earned in `year`, per top-level unit, most hours first.

    Counted like an employee's history: a session's course hours and credits for each person present, late or
    completed online in a session starting that year, plus the historical training records dated that year.
    People are grouped by their department today, rolled up to the unit directly under the company (the
    company itself for people placed there), so the chart has a few readable bars however deep the tree is.
    """
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    sessions = (
        select(
            Attendance.employee_id.label("employee_id"),
            Course.hours.label("hours"),
            Course.credits.label("credits"),
        )
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(
            Attendance.status.in_(ATTENDED),
            TrainingSession.starts_at >= start,
            TrainingSession.starts_at < end,
        )
    )
    records = select(TrainingRecord.employee_id, TrainingRecord.hours, TrainingRecord.credits).where(
        TrainingRecord.on_date >= date(year, 1, 1), TrainingRecord.on_date < date(year + 1, 1, 1)
    )
    earned = union_all(sessions, records).subquery()
    rows = session.execute(
        select(
            Employee.department_id,
            func.sum(earned.c.hours),
            func.sum(earned.c.credits),
            func.count(distinct(earned.c.employee_id)),
        )
        .join(Employee, Employee.id == earned.c.employee_id)
        .group_by(Employee.department_id)
    ).all()
    units = _top_units(session)
    sums: dict[int | None, tuple[str, str, Decimal, Decimal, int]] = {}
    for dept_id, hours, credits, people in rows:
        unit_id, path, name = units[dept_id] if dept_id is not None else (None, "", "")
        _path, _name, h, c, p = sums.get(unit_id, (path, name, _ZERO, _ZERO, 0))
        sums[unit_id] = (path, name, h + (hours or _ZERO), c + (credits or _ZERO), p + int(people))
    totals = [DepartmentTotals(unit_id, *values) for unit_id, values in sums.items()]
    totals.sort(key=lambda t: (-t.hours, -t.credits, t.department_id is None, t.department))
    return totals


# ---- everything the Home tab shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    today: date
    participation: list[MonthParticipation]  # the last 12 months
    points: DistributionReport  # this year so far
    departments: list[DepartmentTotals]  # this year so far


def dashboard(session: Session, today: date) -> Dashboard:
    return Dashboard(
        today,
        participation_by_month(session, today),
        points_by_category(session, Period.year(today)),
        hours_and_credits_by_department(session, today.year),
    )
