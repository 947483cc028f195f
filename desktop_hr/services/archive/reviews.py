"""Performance reviews (overall and per-competency scores) and career goals of one employee."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import NotFound
from desktop_hr.models import CareerGoal, Employee, PerformanceReview, ReviewItem
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.archive.organisation import ensure_competency
from desktop_hr.services.labels import table_label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.trust.permissions import Permission, require

_Owned = TypeVar("_Owned", PerformanceReview, CareerGoal)

messages.define(
    {
        "field.period": ("考核期间", "Period"),
        "field.overall_score": ("综合得分", "Overall score"),
        "field.goal_text": ("目标", "Goal"),
        "field.target_date": ("目标日期", "Target date"),
        "reason.period_taken": (
            "该员工已有这个期间的考核",
            "this employee already has a review for this period",
        ),
        "field.item": ("能力项", "Competency"),
    }
)


@dataclass(frozen=True)
class ReviewData:
    period: str
    overall_score: int
    items: dict[str, int] = field(default_factory=dict)  # competency name -> score
    comment: str = ""


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    period: str
    overall_score: int
    items: dict[str, int]
    comment: str


@dataclass(frozen=True)
class GoalData:
    text: str
    target_position: str = ""
    target_date: date | None = None


@dataclass(frozen=True)
class GoalInfo:
    id: int
    text: str
    target_position: str
    target_date: date | None


def _employee(session: Session, employee_id: int) -> Employee:
    return get_or_raise(session, Employee, employee_id)


def _owned(session: Session, model: type[_Owned], row_id: int, employee_id: int) -> _Owned:
    """Row `row_id` of `model`, which must belong to this employee (a stale window must not edit someone else's)."""
    row = get_or_raise(session, model, row_id)
    if row.employee_id != employee_id:
        raise NotFound(what=table_label(model.__tablename__), key=row_id)
    return row


def _review_errors(data: ReviewData) -> list[FieldError]:
    errors: list[FieldError] = []
    if not data.period.strip():
        errors.append(FieldError("period", data.period, messages.text("reason.required")))
    problem = validation.score_problem(data.overall_score)
    if problem:
        errors.append(FieldError("overall_score", str(data.overall_score), problem))
    for name, score in data.items.items():
        problem = validation.score_problem(score)
        if problem:
            errors.append(FieldError("item", f"{name}={score}", problem))
    return errors


def save_review(uow: UnitOfWork, employee_id: int, data: ReviewData, review_id: int | None = None) -> int:
    """Add a review, or replace review `review_id` with these values."""
    require(uow.principal, Permission.EDIT_RECORDS)
    errors = _review_errors(data)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        session = uow.session
        _employee(session, employee_id)
        period = data.period.strip()
        clash = session.scalar(
            select(PerformanceReview.id).where(
                PerformanceReview.employee_id == employee_id, PerformanceReview.period == period
            )
        )
        if clash is not None and clash != review_id:
            raise ValidationFailed([FieldError("period", period, messages.text("reason.period_taken"))])
        if review_id is None:
            review = PerformanceReview(employee_id=employee_id, period=period, overall_score=0, comment="")
            session.add(review)
        else:
            review = _owned(session, PerformanceReview, review_id, employee_id)
        review.period = period
        review.overall_score = data.overall_score
        review.comment = data.comment.strip()
        review.items = [
            ReviewItem(competency_id=ensure_competency(session, name), score=score)
            for name, score in data.items.items()
            if name.strip()
        ]
        session.flush()
        uow.commit()
        return review.id


def delete_review(uow: UnitOfWork, review_id: int) -> None:
    _delete(uow, PerformanceReview, review_id)


def _delete(uow: UnitOfWork, model: type[Any], row_id: int) -> None:
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        uow.session.delete(get_or_raise(uow.session, model, row_id))
        uow.commit()


def reviews_of(session: Session, employee_id: int) -> list[ReviewInfo]:
    employee = _employee(session, employee_id)
    return [
        ReviewInfo(r.id, r.period, r.overall_score, {i.competency.name: i.score for i in r.items}, r.comment)
        for r in employee.reviews
    ]


def save_goal(uow: UnitOfWork, employee_id: int, data: GoalData, goal_id: int | None = None) -> int:
    require(uow.principal, Permission.EDIT_RECORDS)
    errors: list[FieldError] = []
    if not data.text.strip():
        errors.append(FieldError("goal_text", data.text, messages.text("reason.required")))
    if data.target_date:
        problem = validation.date_problem(data.target_date)
        if problem:
            errors.append(FieldError("target_date", data.target_date.isoformat(), problem))
    if errors:
        raise ValidationFailed(errors)
    with uow:
        session = uow.session
        _employee(session, employee_id)
        if goal_id is None:
            goal = CareerGoal(employee_id=employee_id, text="")
            session.add(goal)
        else:
            goal = _owned(session, CareerGoal, goal_id, employee_id)
        goal.text = data.text.strip()
        goal.target_position = data.target_position.strip()
        goal.target_date = data.target_date
        session.flush()
        uow.commit()
        return goal.id


def delete_goal(uow: UnitOfWork, goal_id: int) -> None:
    _delete(uow, CareerGoal, goal_id)


def goals_of(session: Session, employee_id: int) -> list[GoalInfo]:
    employee = _employee(session, employee_id)
    return [GoalInfo(g.id, g.text, g.target_position, g.target_date) for g in employee.goals]
