"""Trainer profiles (内训师档案): hours and sessions taught, mean satisfaction, the year's team uplift entered by
HR, the contribution value and the 优秀内训师 ranking, read in a few set-based queries.

Hours taught = the course's class hours of each session the person taught (by its start, in the year) that
has at least one sign-in of someone who came; satisfaction = the mean trainer satisfaction of the feedback
on those sessions. Figures of several years at once serve the re-certification list (levels.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.models import (
    Attendance,
    Course,
    Employee,
    Feedback,
    SessionStatus,
    TrainerLevel,
    TrainerYear,
    TrainingSession,
)
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.development import settings as development_settings
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.trust.permissions import Permission, require
from desktop_hr.services.validation import trim

messages.define(
    {
        "field.trainer_uplift": ("团队业绩提升(%)", "Team uplift (%)"),
        "field.trainer_year": ("年度", "Year"),
        "field.trainer_note": ("说明", "Note"),
        "trainers.reason.number": ("应为数字，如 12.5", "should be a number, e.g. 12.5"),
        "trainers.reason.range": ("应在 -100 到 1000 之间", "should be from -100 to 1000"),
        "trainers.reason.places": ("最多两位小数", "at most two decimal places"),
        "trainers.reason.year": ("应在 1900 到 2199 之间", "should be from 1900 to 2199"),
        "trainers.reason.note": ("不能超过 {limit} 个字", "at most {limit} characters"),
    }
)

UPLIFT_LOW, UPLIFT_HIGH = Decimal(-100), Decimal(1000)
YEAR_LOW, YEAR_HIGH = 1900, 2199
NOTE_MAX = 500
CENT = Decimal("0.01")


def year_start(year: int) -> datetime:
    return datetime(year, 1, 1)


def mean(total: int, count: int) -> Decimal | None:
    """A mean of whole scores with two decimals (half up), None without any."""
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Taught:
    """What one person taught over a span of years: counted sessions, their class hours, the feedback."""

    sessions: int = 0
    hours: Decimal = Decimal("0.00")
    satisfaction_total: int = 0
    satisfaction_count: int = 0

    @property
    def satisfaction(self) -> Decimal | None:
        return mean(self.satisfaction_total, self.satisfaction_count)


NOTHING_TAUGHT = Taught()


def _counted_sessions(first_year: int, last_year: int) -> Select[int, int | None, int]:
    """Sessions started from `first_year` through `last_year`, taught by an employee, not cancelled, with at
    least one sign-in of someone who came: (session id, trainer id, course id)."""
    came = exists().where(Attendance.session_id == TrainingSession.id, Attendance.status.in_(ATTENDED))
    return select(TrainingSession.id, TrainingSession.trainer_id, TrainingSession.course_id).where(
        TrainingSession.trainer_id.is_not(None),
        TrainingSession.status != SessionStatus.CANCELLED,
        TrainingSession.starts_at >= year_start(first_year),
        TrainingSession.starts_at < year_start(last_year + 1),
        came,
    )


def taught(
    session: Session, first_year: int, last_year: int, employee_ids: Collection[int] | None = None
) -> dict[int, Taught]:
    """Trainer id -> what they taught from `first_year` through `last_year` (two queries for everyone)."""
    counted = _counted_sessions(first_year, last_year)
    if employee_ids is not None:
        counted = counted.where(TrainingSession.trainer_id.in_(list(employee_ids)))
    sessions = counted.subquery()
    figures: dict[int, list[object]] = {}
    for trainer_id, count, hours in session.execute(
        select(sessions.c.trainer_id, func.count(sessions.c.id), func.sum(Course.hours))
        .join(Course, Course.id == sessions.c.course_id)
        .group_by(sessions.c.trainer_id)
    ):
        figures[int(trainer_id)] = [int(count), hours if hours is not None else Decimal("0.00"), 0, 0]
    for trainer_id, total, count in session.execute(
        select(
            sessions.c.trainer_id,
            func.sum(Feedback.trainer_satisfaction),
            func.count(Feedback.trainer_satisfaction),
        )
        .join(Feedback, Feedback.session_id == sessions.c.id)
        .where(Feedback.trainer_satisfaction.is_not(None))
        .group_by(sessions.c.trainer_id)
    ):
        row = figures.setdefault(int(trainer_id), [0, Decimal("0.00"), 0, 0])
        row[2], row[3] = int(total or 0), int(count)
    return {
        trainer_id: Taught(int(str(s)), Decimal(str(h)), int(str(t)), int(str(c)))
        for trainer_id, (s, h, t, c) in figures.items()
    }


def uplifts(session: Session, year: int, employee_ids: Collection[int] | None = None) -> dict[int, Decimal]:
    """Employee id -> the team uplift (%) HR entered for `year`."""
    query = select(TrainerYear.employee_id, TrainerYear.uplift).where(TrainerYear.year == year)
    if employee_ids is not None:
        query = query.where(TrainerYear.employee_id.in_(list(employee_ids)))
    return {int(employee_id): uplift for employee_id, uplift in session.execute(query)}


# ---- profiles --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainerProfile:
    """One person's year as an internal trainer, and their place in the ranking (1 = highest contribution;
    equal contributions share a rank)."""

    employee_id: int
    employee_no: str
    name: str
    department: str  # path
    department_id: int | None
    level: TrainerLevel | None  # None: not (or no longer) a trainer, but taught that year
    year: int
    sessions: int
    hours: Decimal
    satisfaction: Decimal | None  # None: no feedback on those sessions
    uplift: Decimal | None  # None: not entered for the year
    contribution: Decimal
    excellent: bool
    rank: int = 0


@dataclass(frozen=True)
class _Person:
    employee_id: int
    employee_no: str
    name: str
    department_id: int | None
    is_trainer: bool
    level: TrainerLevel | None


def _people(session: Session, year: int, employee_ids: Collection[int] | None) -> list[_Person]:
    """Everyone marked a trainer, and everyone who was the trainer of a (not cancelled) session of `year`."""
    taught_that_year = select(TrainingSession.trainer_id).where(
        TrainingSession.trainer_id.is_not(None),
        TrainingSession.status != SessionStatus.CANCELLED,
        TrainingSession.starts_at >= year_start(year),
        TrainingSession.starts_at < year_start(year + 1),
    )
    query = select(
        Employee.id,
        Employee.employee_no,
        Employee.name,
        Employee.department_id,
        Employee.is_trainer,
        Employee.trainer_level,
    ).where(or_(Employee.is_trainer.is_(True), Employee.id.in_(taught_that_year)))
    if employee_ids is not None:
        query = query.where(Employee.id.in_(list(employee_ids)))
    return [_Person(*row) for row in session.execute(query)]


def _ranked(profiles: list[TrainerProfile]) -> list[TrainerProfile]:
    """By contribution (highest first), then hours, then 工号; equal contributions share a rank (1, 2, 2, 4)."""
    ordered = sorted(profiles, key=lambda p: (-p.contribution, -p.hours, p.employee_no))
    ranked: list[TrainerProfile] = []
    for index, profile in enumerate(ordered):
        same = ranked and ranked[-1].contribution == profile.contribution
        rank = ranked[-1].rank if same else index + 1
        ranked.append(replace(profile, rank=rank))
    return ranked


def trainer_profiles(
    session: Session, year: int, employee_ids: Collection[int] | None = None
) -> list[TrainerProfile]:
    """Every trainer's (and every person who taught that year) profile for `year`, ranked by contribution.

    `employee_ids` narrows to those people (their ranks are then among themselves)."""
    figures = development_settings.load(session)
    people = _people(session, year, employee_ids)
    ids = None if employee_ids is None else [p.employee_id for p in people]
    done = taught(session, year, year, ids)
    entered = uplifts(session, year, ids)
    paths = department_paths(session)
    profiles: list[TrainerProfile] = []
    for person in people:
        figures_of = done.get(person.employee_id, NOTHING_TAUGHT)
        uplift = entered.get(person.employee_id)
        satisfaction = figures_of.satisfaction
        contribution = figures.contribution(figures_of.hours, satisfaction, uplift)
        profiles.append(
            TrainerProfile(
                employee_id=person.employee_id,
                employee_no=person.employee_no,
                name=person.name,
                department=paths.get(person.department_id, "") if person.department_id else "",
                department_id=person.department_id,
                level=person.level if person.is_trainer else None,
                year=year,
                sessions=figures_of.sessions,
                hours=figures_of.hours,
                satisfaction=satisfaction,
                uplift=uplift,
                contribution=contribution,
                excellent=contribution >= figures.excellent_threshold,
            )
        )
    return _ranked(profiles)


def trainer_profile(session: Session, employee_id: int, year: int) -> TrainerProfile | None:
    """One person's profile for `year` (None: neither a trainer nor taught that year)."""
    found = trainer_profiles(session, year, [employee_id])
    return found[0] if found else None


def search_profiles(profiles: list[TrainerProfile], text: str) -> list[TrainerProfile]:
    """Those whose 工号, name or department contains `text` (all for a blank one)."""
    wanted = trim(text).casefold()
    if not wanted:
        return list(profiles)
    return [
        p
        for p in profiles
        if wanted in p.employee_no.casefold()
        or wanted in p.name.casefold()
        or wanted in p.department.casefold()
    ]


# ---- the year's uplift -----------------------------------------------------------------------------------


def parse_uplift(value: object) -> tuple[Decimal | None, str | None]:
    """The uplift typed or given, or the reason it is refused: a number from -100 to 1000, two places."""
    try:
        number = Decimal(trim(str(value)).rstrip("%").strip()) if value is not None else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        return None, messages.text("trainers.reason.number")
    if not UPLIFT_LOW <= number <= UPLIFT_HIGH:
        return None, messages.text("trainers.reason.range")
    if number != number.quantize(CENT):
        return None, messages.text("trainers.reason.places")
    return number.quantize(CENT), None


def set_uplift(
    uow: UnitOfWork, employee_id: int, year: int, uplift: Decimal | str, note: str = ""
) -> Decimal:
    """Store the team performance uplift (%) of the person's `year` (replacing one entered before).

    Refused with ValidationFailed naming the field and value (nothing written) outside -100..1000 % or with
    more than two decimals."""
    require(uow.principal, Permission.EDIT_RECORDS)
    value, problem = parse_uplift(uplift)
    errors: list[FieldError] = []
    if problem is not None:
        errors.append(FieldError("trainer_uplift", str(uplift), problem))
    if not YEAR_LOW <= year <= YEAR_HIGH:
        errors.append(FieldError("trainer_year", str(year), messages.text("trainers.reason.year")))
    note = trim(note)
    if len(note) > NOTE_MAX:
        errors.append(
            FieldError("trainer_note", note[:20] + "…", messages.text("trainers.reason.note", limit=NOTE_MAX))
        )
    if errors or value is None:
        raise ValidationFailed(errors)
    with uow:
        get_or_raise(uow.session, Employee, employee_id)
        row = uow.session.scalar(
            select(TrainerYear).where(and_(TrainerYear.employee_id == employee_id, TrainerYear.year == year))
        )
        if row is None:
            uow.session.add(TrainerYear(employee_id=employee_id, year=year, uplift=value, note=note))
        else:
            row.uplift, row.note = value, note
        uow.commit()
    return value
