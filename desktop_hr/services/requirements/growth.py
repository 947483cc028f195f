"""One person's growth view (成长): this year's credits and hours against each requirement that applies, the next
credit milestone, points and rank, and the upcoming sessions that would close a gap soonest.

Recommendations come from the gaps (a checklist course still missing, hours or credits short in all or in a
slice, reflections still to write) and from the competencies scored below 70 in the person's latest review;
each says why. Sessions come soonest first: the earliest one that helps closes the gap soonest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.models import (
    AssignmentType,
    Attendance,
    Competency,
    Course,
    CourseCompetency,
    Dimension,
    Enrolment,
    EnrolmentStatus,
    Measure,
    PerformanceReview,
    PointEntry,
    SessionStatus,
    TrainingSession,
)
from desktop_hr.services.points.milestones import credits_earned, list_milestones
from desktop_hr.services.points.point_reports import Period, balance_sums, leaderboard
from desktop_hr.services.requirements.evaluation import Shortfall, Standing, person_standings
from desktop_hr.services.requirements.measures import NOTHING_EARNED, ZERO, Slice, Window, earned
from desktop_hr.services.requirements.wording import amount_text, measure_text, say, slice_text

LOW_SCORE = 70  # a competency scored below this in the latest review is worth a course
RECOMMENDATIONS = 8

messages.define(
    {
        "growth.checklist": ("{requirement}：清单课程", "{requirement}: a checklist course"),
        "growth.amount": ("{requirement}：{measure} +{amount}", "{requirement}: +{amount} {measure}"),
        "growth.slice": (
            "{requirement}：{slice}{measure} +{amount}",
            "{requirement}: +{amount} {measure} in {slice}",
        ),
        "growth.reflection": ("{requirement}：可写心得", "{requirement}: a reflection to write"),
        "growth.competency": ("能力项“{name}”评分 {score}", 'competency "{name}" scored {score}'),
    }
)


@dataclass(frozen=True)
class Progress:
    """How far one requirement's hours or credits are this year (`need` None: it asks for neither in all)."""

    standing: Standing
    measure: Measure | None
    have: Decimal
    need: Decimal | None


@dataclass(frozen=True)
class Recommendation:
    session_id: int
    session_code: str
    course_code: str
    course_title: str
    starts_at: datetime
    hours: Decimal
    credits: Decimal
    enrolled: bool  # already enrolled (or waitlisted) in it
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Growth:
    employee_id: int
    year: int
    hours: Decimal  # this year
    credits: Decimal
    total_credits: Decimal  # ever: what milestones count
    next_milestone: tuple[int, str] | None  # (credits, reward) of the next one not reached
    balance: int  # points that can be spent
    points_12_months: int  # earned in the last 12 months
    rank: int | None  # on the last 12 months' leaderboard (None: not on it)
    ranked: int  # people on it
    progress: tuple[Progress, ...]
    low_competencies: tuple[tuple[str, int], ...]  # (name, score) below LOW_SCORE in the latest review
    recommendations: tuple[Recommendation, ...]


def _progress(standing: Standing) -> Progress:
    data = standing.plan.row.data
    figures = standing.figures
    if data.min_hours is not None and figures.hours is not None:
        return Progress(standing, Measure.HOURS, figures.hours, data.min_hours)
    if data.min_credits is not None and figures.credits is not None:
        return Progress(standing, Measure.CREDITS, figures.credits, data.min_credits)
    return Progress(standing, None, ZERO, None)


def _low_competencies(session: Session, employee_id: int) -> tuple[tuple[str, int], ...]:
    latest = session.scalars(
        select(PerformanceReview)
        .where(PerformanceReview.employee_id == employee_id)
        .order_by(PerformanceReview.period.desc(), PerformanceReview.id.desc())
    ).first()
    if latest is None:
        return ()
    return tuple(
        sorted(
            ((item.competency.name, item.score) for item in latest.items if item.score < LOW_SCORE),
            key=lambda pair: (pair[1], pair[0]),
        )
    )


@dataclass(frozen=True)
class _Upcoming:
    session_id: int
    code: str
    starts_at: datetime
    assignment: AssignmentType | None
    course: Course
    competencies: frozenset[str]


def _upcoming(session: Session, today: date) -> list[_Upcoming]:
    rows = session.execute(
        select(TrainingSession, Course)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(
            TrainingSession.starts_at >= datetime.combine(today, datetime.min.time()),
            TrainingSession.status.in_((SessionStatus.PLANNED, SessionStatus.OPEN)),
        )
        .order_by(TrainingSession.starts_at, TrainingSession.code)
    ).all()
    names: dict[int, set[str]] = {}
    course_ids = {course.id for _training, course in rows}
    if course_ids:
        for course_id, name in session.execute(
            select(CourseCompetency.course_id, Competency.name)
            .join(Competency, Competency.id == CourseCompetency.competency_id)
            .where(CourseCompetency.course_id.in_(course_ids))
        ):
            names.setdefault(int(course_id), set()).add(str(name))
    return [
        _Upcoming(
            training.id,
            training.code,
            training.starts_at,
            training.assignment_type,
            course,
            frozenset(names.get(course.id, set())),
        )
        for training, course in rows
    ]


def _matches(upcoming: _Upcoming, piece: Slice) -> bool:
    if piece.dimension is Dimension.COMPETENCY:
        return piece.value in upcoming.competencies
    # A StrEnum member equals its value ("professional").
    return bool(getattr(upcoming.course, piece.dimension.value, None) == piece.value)


def _amount(course: Course, measure: Measure) -> Decimal:
    return Decimal(course.hours if measure is Measure.HOURS else course.credits)


def _reasons_for(upcoming: _Upcoming, shortfall: Shortfall, requirement: str) -> list[tuple[str, Decimal]]:
    """(why, how much of the gap it closes) for one shortfall of a requirement."""
    found: list[tuple[str, Decimal]] = []
    if shortfall.kind == "courses":
        if upcoming.course.code in {c.course_code for c in shortfall.courses}:
            found.append((say("growth.checklist", None, requirement=requirement), Decimal(1000)))
    elif shortfall.kind == "amount" and shortfall.measure is not None:
        measure = shortfall.measure
        amount = _amount(upcoming.course, measure)
        if amount <= 0:
            return found
        for piece, short in shortfall.parts:
            if _matches(upcoming, piece):
                found.append(
                    (
                        say(
                            "growth.slice",
                            None,
                            requirement=requirement,
                            slice=slice_text(piece),
                            measure=measure_text(measure),
                            amount=amount_text(min(amount, short)),
                        ),
                        min(amount, short),
                    )
                )
        if shortfall.amount > 0 and not found:
            found.append(
                (
                    say(
                        "growth.amount",
                        None,
                        requirement=requirement,
                        measure=measure_text(measure),
                        amount=amount_text(min(amount, shortfall.amount)),
                    ),
                    min(amount, shortfall.amount),
                )
            )
    elif shortfall.kind == "reflections" and upcoming.assignment is AssignmentType.REFLECTION:
        found.append((say("growth.reflection", None, requirement=requirement), Decimal(1)))
    return found


def recommend(
    upcoming: Iterable[_Upcoming],
    standings: Iterable[Standing],
    low: Iterable[tuple[str, int]],
    enrolled: set[int],
    limit: int = RECOMMENDATIONS,
) -> list[Recommendation]:
    """The upcoming sessions that help, soonest first (then those closing more of a gap), each with why."""
    short = [s for s in standings if not s.met]
    weak = list(low)
    picked: list[tuple[datetime, Decimal, Recommendation]] = []
    for item in upcoming:
        reasons: list[tuple[str, Decimal]] = []
        for standing in short:
            for shortfall in standing.shortfalls:
                reasons += _reasons_for(item, shortfall, standing.requirement)
        reasons += [
            (say("growth.competency", None, name=name, score=score), Decimal(LOW_SCORE - score))
            for name, score in weak
            if name in item.competencies
        ]
        if not reasons:
            continue
        course = item.course
        picked.append(
            (
                item.starts_at,
                -sum((weight for _why, weight in reasons), Decimal(0)),
                Recommendation(
                    item.session_id,
                    item.code,
                    course.code,
                    course.title,
                    item.starts_at,
                    Decimal(course.hours),
                    Decimal(course.credits),
                    item.session_id in enrolled,
                    tuple(dict.fromkeys(why for why, _weight in reasons)),
                ),
            )
        )
    picked.sort(key=lambda entry: (entry[0], entry[1]))
    return [recommendation for _when, _weight, recommendation in picked[:limit]]


def growth(session: Session, employee_id: int, today: date) -> Growth:
    """The growth view of one person as of `today` (this calendar year's requirements and figures)."""
    year = today.year
    standings = person_standings(session, employee_id, year)
    this_year = earned(session, Window.year(year), [employee_id]).get(employee_id, NOTHING_EARNED)
    total = credits_earned(session, [employee_id]).get(employee_id, ZERO)
    milestone = next(
        (
            (m.credits, m.reward_text)
            for m in list_milestones(session)
            if m.active and Decimal(m.credits) > total
        ),
        None,
    )
    sums = session.execute(balance_sums().where(PointEntry.employee_id == employee_id)).first()
    balance = int(sums.balance or 0) if sums is not None else 0
    board = leaderboard(session, Period.last_12_months(today))
    mine = next((row for row in board if row.employee_id == employee_id), None)
    low = _low_competencies(session, employee_id)
    enrolled = set(
        session.scalars(
            select(Enrolment.session_id).where(
                Enrolment.employee_id == employee_id,
                Enrolment.status.in_((EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)),
            )
        )
    )
    # A session of today the person already signed in to is done, not a recommendation.
    signed_in = set(
        session.scalars(select(Attendance.session_id).where(Attendance.employee_id == employee_id))
    )
    upcoming = [item for item in _upcoming(session, today) if item.session_id not in signed_in]
    return Growth(
        employee_id=employee_id,
        year=year,
        hours=this_year.hours,
        credits=this_year.credits,
        total_credits=total,
        next_milestone=milestone,
        balance=balance,
        points_12_months=mine.points if mine is not None else 0,
        rank=mine.rank if mine is not None else None,
        ranked=len(board),
        progress=tuple(_progress(s) for s in standings),
        low_competencies=low,
        recommendations=tuple(recommend(upcoming, standings, low, enrolled)),
    )
