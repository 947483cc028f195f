"""What the office reads about mentoring: the pairs with a year's hours and evaluation, one pair's logs and
evaluations, and the year's mentor summary with 优秀导师 (a few set-based queries, whatever the size).

A department head's reads see only pairs whose mentor and mentee are both of its subtree: the guard narrows
every alias of Employee (both people of a pair) to the head's departments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVarTuple

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop_hr.errors import NotFound
from desktop_hr.models import Employee
from desktop_hr.models.development import MenteeEvaluation, MentoringLog, Mentorship
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.development.settings import DevelopmentSettings, load
from desktop_hr.services.labels import table_label
from desktop_hr.services.lookup import contains_pattern

Ts = TypeVarTuple("Ts")

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PairRow:
    """A pair as the table shows it, with the hours logged in `year` and that year's evaluation."""

    id: int
    mentor_id: int
    mentor_no: str
    mentor_name: str
    mentee_id: int
    mentee_no: str
    mentee_name: str
    starts_on: date
    ends_on: date | None
    note: str
    year: int
    hours: Decimal  # logged in `year`
    evaluation: int | None  # of `year`

    @property
    def mentor(self) -> str:
        return f"{self.mentor_no} {self.mentor_name}"

    @property
    def mentee(self) -> str:
        return f"{self.mentee_no} {self.mentee_name}"


@dataclass(frozen=True)
class LogRow:
    id: int
    on: date
    hours: Decimal
    note: str


@dataclass(frozen=True)
class EvaluationRow:
    id: int
    year: int
    score: int
    comment: str


@dataclass(frozen=True)
class PairDetail:
    id: int
    mentor_id: int
    mentor: str  # 工号 and name
    mentee_id: int
    mentee: str
    starts_on: date
    ends_on: date | None
    note: str
    logs: tuple[LogRow, ...]  # by date
    evaluations: tuple[EvaluationRow, ...]  # by year

    @property
    def total_hours(self) -> Decimal:
        return sum((log.hours for log in self.logs), ZERO)


@dataclass(frozen=True)
class MentorRow:
    """One mentor's year: pairs active in it, hours logged in it, the mean of its evaluations, 优秀导师."""

    mentor_id: int
    employee_no: str
    name: str
    department: str
    pairs: int
    hours: Decimal
    evaluations: int  # how many evaluations of the year the mean is over
    mean_evaluation: Decimal | None  # two places; None without any evaluation of the year
    excellent: bool


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def active_in(year: int) -> ColumnElement[bool]:
    """A pair running on at least one day of `year` (an open end runs on)."""
    first, last = _year_bounds(year)
    return and_(Mentorship.starts_on <= last, or_(Mentorship.ends_on.is_(None), Mentorship.ends_on >= first))


def pairs(session: Session, year: int, *, active_only: bool = True, text: str = "") -> list[PairRow]:
    """The pairs (only those running in `year` with `active_only`), with `year`'s hours and evaluation;
    `text` narrows to pairs whose mentor's or mentee's 工号 or name contains it. By mentor, then start."""
    first, last = _year_bounds(year)
    mentor, mentee = aliased(Employee), aliased(Employee)
    hours = (
        select(MentoringLog.mentorship_id.label("pair_id"), func.sum(MentoringLog.hours).label("hours"))
        .where(MentoringLog.on >= first, MentoringLog.on <= last)
        .group_by(MentoringLog.mentorship_id)
        .subquery()
    )
    stmt = (
        select(
            Mentorship.id,
            Mentorship.mentor_id,
            mentor.employee_no,
            mentor.name,
            Mentorship.mentee_id,
            mentee.employee_no,
            mentee.name,
            Mentorship.starts_on,
            Mentorship.ends_on,
            Mentorship.note,
            hours.c.hours,
            MenteeEvaluation.score,
        )
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .outerjoin(hours, hours.c.pair_id == Mentorship.id)
        .outerjoin(
            MenteeEvaluation,
            and_(MenteeEvaluation.mentorship_id == Mentorship.id, MenteeEvaluation.year == year),
        )
        .order_by(mentor.employee_no, Mentorship.starts_on, Mentorship.id)
    )
    if active_only:
        stmt = stmt.where(active_in(year))
    if wanted := text.strip():
        pattern = contains_pattern(wanted)
        stmt = stmt.where(
            or_(
                mentor.employee_no.ilike(pattern, escape="\\"),
                mentor.name.ilike(pattern, escape="\\"),
                mentee.employee_no.ilike(pattern, escape="\\"),
                mentee.name.ilike(pattern, escape="\\"),
            )
        )
    return [
        PairRow(
            id=r[0],
            mentor_id=r[1],
            mentor_no=r[2],
            mentor_name=r[3],
            mentee_id=r[4],
            mentee_no=r[5],
            mentee_name=r[6],
            starts_on=r[7],
            ends_on=r[8],
            note=r[9],
            year=year,
            hours=r[10] if r[10] is not None else ZERO,
            evaluation=r[11],
        )
        for r in session.execute(stmt)
    ]


def pair_detail(session: Session, pair_id: int) -> PairDetail:
    """One pair with every hour logged and every evaluation (NotFound if it is gone or not the head's)."""
    mentor, mentee = aliased(Employee), aliased(Employee)
    stmt = (
        select(Mentorship, mentor, mentee)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .where(Mentorship.id == pair_id)
    )
    found = session.execute(stmt).first()
    if found is None:
        raise NotFound(what=table_label("mentorship"), key=pair_id)
    pair, mentor_row, mentee_row = found
    logs = session.execute(
        select(MentoringLog.id, MentoringLog.on, MentoringLog.hours, MentoringLog.note)
        .where(MentoringLog.mentorship_id == pair_id)
        .order_by(MentoringLog.on, MentoringLog.id)
    )
    evaluations = session.execute(
        select(MenteeEvaluation.id, MenteeEvaluation.year, MenteeEvaluation.score, MenteeEvaluation.comment)
        .where(MenteeEvaluation.mentorship_id == pair_id)
        .order_by(MenteeEvaluation.year)
    )
    return PairDetail(
        id=pair.id,
        mentor_id=pair.mentor_id,
        mentor=f"{mentor_row.employee_no} {mentor_row.name}",
        mentee_id=pair.mentee_id,
        mentee=f"{mentee_row.employee_no} {mentee_row.name}",
        starts_on=pair.starts_on,
        ends_on=pair.ends_on,
        note=pair.note,
        logs=tuple(LogRow(*row) for row in logs),
        evaluations=tuple(EvaluationRow(*row) for row in evaluations),
    )


def mentor_summary(
    session: Session, year: int, settings: DevelopmentSettings | None = None
) -> list[MentorRow]:
    """Every mentor with a pair running in `year`: the pairs, the hours logged in the year, the mean of the
    year's evaluations over those pairs, and 优秀导师 when hours >= the setting and the mean >= its setting
    (both boundaries count; no evaluation, no 优秀导师). By 工号. Three grouped subqueries in one statement."""
    figures = settings if settings is not None else load(session)
    first, last = _year_bounds(year)
    running = (
        select(Mentorship.mentor_id.label("mentor_id"), func.count(Mentorship.id).label("pairs"))
        .where(active_in(year))
        .group_by(Mentorship.mentor_id)
        .subquery()
    )
    hours = (
        select(Mentorship.mentor_id.label("mentor_id"), func.sum(MentoringLog.hours).label("hours"))
        .join(MentoringLog, MentoringLog.mentorship_id == Mentorship.id)
        .where(MentoringLog.on >= first, MentoringLog.on <= last)
        .group_by(Mentorship.mentor_id)
        .subquery()
    )
    scores = (
        select(
            Mentorship.mentor_id.label("mentor_id"),
            func.sum(MenteeEvaluation.score).label("total"),
            func.count(MenteeEvaluation.id).label("count"),
        )
        .join(MenteeEvaluation, MenteeEvaluation.mentorship_id == Mentorship.id)
        .where(MenteeEvaluation.year == year)
        .group_by(Mentorship.mentor_id)
        .subquery()
    )
    stmt = (
        select(
            Employee.id,
            Employee.employee_no,
            Employee.name,
            Employee.department_id,
            running.c.pairs,
            hours.c.hours,
            scores.c.total,
            scores.c.count,
        )
        .join(running, running.c.mentor_id == Employee.id)
        .outerjoin(hours, hours.c.mentor_id == Employee.id)
        .outerjoin(scores, scores.c.mentor_id == Employee.id)
        .order_by(Employee.employee_no)
    )
    paths = department_paths(session)
    rows: list[MentorRow] = []
    for mentor_id, number, name, department_id, pair_count, logged, total, count in session.execute(stmt):
        logged_hours = logged if logged is not None else ZERO
        evaluated = int(count or 0)
        mean = (Decimal(int(total)) / evaluated).quantize(CENT, ROUND_HALF_UP) if evaluated else None
        # The exact mean against the bar: 89.996 rounds to 90.00 on screen but is below 90.
        excellent = (
            evaluated > 0
            and logged_hours >= figures.mentor_hours
            and Decimal(int(total)) >= figures.mentor_evaluation * evaluated
        )
        rows.append(
            MentorRow(
                mentor_id=mentor_id,
                employee_no=number,
                name=name,
                department=paths.get(department_id, "") if department_id is not None else "",
                pairs=int(pair_count),
                hours=logged_hours,
                evaluations=evaluated,
                mean_evaluation=mean,
                excellent=excellent,
            )
        )
    return rows
