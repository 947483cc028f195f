"""Trainer levels (DOMAIN.md "Internal trainers"): who qualifies for promotion (初级 → 中级: basic trainer
training hours and the year's satisfaction; 中级 → 高级: specialised training hours and the year's team
uplift), HR's confirmation, and the trainers listed for re-certification over the last years.

Training hours are the class hours of trainer courses (Course.trainer_track) the person attended (signed in
as present, late or completed) in sessions started up to the end of the year asked for.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import (
    Attendance,
    Course,
    Employee,
    TrainerLevel,
    TrainerTrack,
    TrainingSession,
)
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.development import settings as development_settings
from desktop_hr.services.development.trainers import (
    NOTHING_TAUGHT,
    taught,
    uplifts,
    year_start,
)
from desktop_hr.services.labels import label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.requirements.wording import amount_text, say
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "levels.short_hours": (
            "{track}学时 {have} 未达 {need}",
            "{track} hours {have}, {need} needed",
        ),
        "levels.short_satisfaction": (
            "年度满意度 {have} 未达 {need}",
            "satisfaction of the year {have}, {need} needed",
        ),
        "levels.short_uplift": (
            "年度团队业绩提升 {have}% 未达 {need}%",
            "team uplift of the year {have}%, {need}% needed",
        ),
        "levels.no_feedback": ("无学员评价", "no feedback from trainees"),
        "levels.no_uplift": ("未录入年度团队业绩提升", "no team uplift entered for the year"),
        "levels.recert_hours": (
            "{years} 年授课 {have} 学时，低于 {need} 学时",
            "{have} hours taught in {years} year(s), below {need}",
        ),
        "levels.recert_satisfaction": (
            "{years} 年平均满意度 {have}，低于 {need}",
            "mean satisfaction {have} over {years} year(s), below {need}",
        ),
        "levels.not_qualified": (
            "{name}（{employee_no}）{year} 年度不符合晋升{level}内训师的条件：{missing}",
            "{name} ({employee_no}) does not qualify for {level} trainer in {year}: {missing}",
        ),
        "levels.not_promotable": (
            "{name}（{employee_no}）不是初级或中级内训师，无法晋升。",
            "{name} ({employee_no}) is not a junior or intermediate trainer; there is no level to raise.",
        ),
    }
)

NEXT_LEVEL = {TrainerLevel.JUNIOR: TrainerLevel.INTERMEDIATE, TrainerLevel.INTERMEDIATE: TrainerLevel.SENIOR}
TRACK_FOR = {TrainerLevel.JUNIOR: TrainerTrack.BASIC, TrainerLevel.INTERMEDIATE: TrainerTrack.SPECIALISED}


class NotQualified(DomainError):
    code = "levels.not_qualified"


class NotPromotable(DomainError):
    code = "levels.not_promotable"


def _joined(parts: list[str], language: str | None) -> str:
    return ("; " if (language or messages.language()) == "en" else "；").join(parts)


# ---- promotions ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromotionCandidate:
    """A junior or intermediate trainer's figures against the next level's check, for `year`.

    `figure` is the year's satisfaction (junior) or team uplift % (intermediate); None when there is none."""

    employee_id: int
    employee_no: str
    name: str
    department: str
    department_id: int | None
    level: TrainerLevel
    next_level: TrainerLevel
    year: int
    training_hours: Decimal  # basic (junior) or specialised (intermediate) trainer training attended
    hours_needed: Decimal
    figure: Decimal | None
    figure_needed: Decimal
    missing: tuple[str, ...]  # in the user's language; empty when the person qualifies

    @property
    def qualifies(self) -> bool:
        return not self.missing

    def missing_text(self, language: str | None = None) -> str:
        return _joined(list(self.missing), language)


def training_hours(
    session: Session, year: int, employee_ids: Collection[int] | None = None
) -> dict[tuple[int, TrainerTrack], Decimal]:
    """(employee id, track) -> class hours of trainer courses attended in sessions started before the end of
    `year`, in one query."""
    query = (
        select(Attendance.employee_id, Course.trainer_track, func.sum(Course.hours))
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(
            Course.trainer_track.is_not(None),
            Attendance.status.in_(ATTENDED),
            TrainingSession.starts_at < year_start(year + 1),
        )
        .group_by(Attendance.employee_id, Course.trainer_track)
    )
    if employee_ids is not None:
        query = query.where(Attendance.employee_id.in_(list(employee_ids)))
    return {
        (int(e), TrainerTrack(str(t))): (h if h is not None else Decimal("0.00"))
        for e, t, h in session.execute(query)
    }


def promotion_candidates(
    session: Session,
    year: int,
    employee_ids: Collection[int] | None = None,
    language: str | None = None,
) -> list[PromotionCandidate]:
    """Every junior and intermediate trainer with their figures for `year`, what is missing and whether they
    qualify; those who qualify first, then by level and 工号."""
    figures = development_settings.load(session)
    query = select(
        Employee.id, Employee.employee_no, Employee.name, Employee.department_id, Employee.trainer_level
    ).where(Employee.is_trainer.is_(True), Employee.trainer_level.in_(tuple(NEXT_LEVEL)))
    if employee_ids is not None:
        query = query.where(Employee.id.in_(list(employee_ids)))
    people = session.execute(query).all()
    ids = [int(row[0]) for row in people]
    attended = training_hours(session, year, ids)
    done = taught(session, year, year, ids)
    entered = uplifts(session, year, ids)
    paths = department_paths(session)
    found: list[PromotionCandidate] = []
    for employee_id, employee_no, name, department_id, level in people:
        assert level is not None  # the query keeps junior and intermediate trainers only
        track = TRACK_FOR[level]
        hours = attended.get((employee_id, track), Decimal("0.00"))
        if level is TrainerLevel.JUNIOR:
            need_hours, figure, need = (
                figures.basic_hours,
                done.get(employee_id, NOTHING_TAUGHT).satisfaction,
                figures.intermediate_satisfaction,
            )
        else:
            need_hours, figure, need = (
                figures.specialised_hours,
                entered.get(employee_id),
                figures.senior_uplift,
            )
        missing: list[str] = []
        if hours < need_hours:
            missing.append(
                say(
                    "levels.short_hours",
                    language,
                    track=label(track, language),
                    have=amount_text(hours),
                    need=amount_text(need_hours),
                )
            )
        if figure is None:
            missing.append(
                say("levels.no_feedback" if level is TrainerLevel.JUNIOR else "levels.no_uplift", language)
            )
        elif figure < need:
            key = "levels.short_satisfaction" if level is TrainerLevel.JUNIOR else "levels.short_uplift"
            missing.append(say(key, language, have=amount_text(figure), need=amount_text(need)))
        found.append(
            PromotionCandidate(
                employee_id=employee_id,
                employee_no=employee_no,
                name=name,
                department=paths.get(department_id, "") if department_id else "",
                department_id=department_id,
                level=level,
                next_level=NEXT_LEVEL[level],
                year=year,
                training_hours=hours,
                hours_needed=need_hours,
                figure=figure,
                figure_needed=need,
                missing=tuple(missing),
            )
        )
    order = {TrainerLevel.JUNIOR: 0, TrainerLevel.INTERMEDIATE: 1}
    return sorted(found, key=lambda c: (not c.qualifies, order[c.level], c.employee_no))


def confirm_promotion(uow: UnitOfWork, employee_id: int, year: int) -> TrainerLevel:
    """HR confirms a promotion: the checks are run again on the data as it is now, and the level goes up by
    one; refused (NotQualified, naming what is missing) when the person no longer qualifies."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        employee = get_or_raise(session, Employee, employee_id)
        if not employee.is_trainer or employee.trainer_level not in NEXT_LEVEL:
            raise NotPromotable(name=employee.name, employee_no=employee.employee_no)
        (candidate,) = promotion_candidates(session, year, [employee_id])
        if not candidate.qualifies:
            raise NotQualified(
                name=employee.name,
                employee_no=employee.employee_no,
                year=year,
                level=label(candidate.next_level),
                missing=candidate.missing_text(),
            )
        employee.trainer_level = candidate.next_level
        employee.version += 1
        uow.commit()
    return candidate.next_level


# ---- re-certification ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecertificationRow:
    """A trainer below the bar over the `first_year` .. `last_year` span, and why (in the language asked)."""

    employee_id: int
    employee_no: str
    name: str
    department: str
    department_id: int | None
    level: TrainerLevel | None
    first_year: int
    last_year: int
    hours: Decimal
    satisfaction: Decimal | None
    reasons: tuple[str, ...]

    def reasons_text(self, language: str | None = None) -> str:
        return _joined(list(self.reasons), language)


def recertification_list(
    session: Session, year: int, language: str | None = None
) -> list[RecertificationRow]:
    """Trainers with fewer hours taught than the bar, or a mean satisfaction below it (or no feedback at all),
    over the `recert_years` years ending with `year`; by 工号."""
    figures = development_settings.load(session)
    first = year - figures.recert_years + 1
    people = session.execute(
        select(
            Employee.id, Employee.employee_no, Employee.name, Employee.department_id, Employee.trainer_level
        ).where(Employee.is_trainer.is_(True))
    ).all()
    done = taught(session, first, year)
    paths = department_paths(session)
    years = figures.recert_years
    found: list[RecertificationRow] = []
    for employee_id, employee_no, name, department_id, level in people:
        figures_of = done.get(employee_id, NOTHING_TAUGHT)
        reasons: list[str] = []
        if figures_of.hours < figures.recert_hours:
            reasons.append(
                say(
                    "levels.recert_hours",
                    language,
                    years=years,
                    have=amount_text(figures_of.hours),
                    need=amount_text(figures.recert_hours),
                )
            )
        satisfaction = figures_of.satisfaction
        if satisfaction is None:
            reasons.append(say("levels.no_feedback", language))
        elif satisfaction < figures.recert_satisfaction:
            reasons.append(
                say(
                    "levels.recert_satisfaction",
                    language,
                    years=years,
                    have=amount_text(satisfaction),
                    need=amount_text(figures.recert_satisfaction),
                )
            )
        if reasons:
            found.append(
                RecertificationRow(
                    employee_id=employee_id,
                    employee_no=employee_no,
                    name=name,
                    department=paths.get(department_id, "") if department_id else "",
                    department_id=department_id,
                    level=level,
                    first_year=first,
                    last_year=year,
                    hours=figures_of.hours,
                    satisfaction=satisfaction,
                    reasons=tuple(reasons),
                )
            )
    return sorted(found, key=lambda r: r.employee_no)
