"""Credit milestones (学分里程碑): reaching 100 / 200 / 300 credits unlocks a reward once, spending nothing.

Credits earned are counted as on the training history (services/history.py): the course credits of every
session the person attended (present, late or completed online) plus the credits of their historical
training records. Unlocking is set-based, so checking the whole company is a few queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import (
    Attendance,
    Course,
    CreditMilestone,
    Employee,
    MilestoneUnlock,
    TrainingRecord,
    TrainingSession,
)
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.imports import chunks
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.training.facts import ATTENDED
from desktop_hr.services.trust.permissions import Permission, require

REWARD_TEXT_MAX = 200
CREDITS_MAX = 100_000

messages.define(
    {
        "field.milestone_credits": ("学分", "Credits"),
        "field.milestone_reward": ("奖励", "Reward"),
        "reason.milestone_credits_range": (
            "应为 1 到 {high} 之间的整数",
            "must be a whole number from 1 to {high}",
        ),
        "reason.milestone_taken": (
            "已有 {credits} 学分的里程碑",
            "a milestone at {credits} credits already exists",
        ),
        "milestone_already_granted": (
            "{name}（{no}）的“{reward}”已于 {when} 发放。",
            '"{reward}" of {name} ({no}) was already granted on {when}.',
        ),
    }
)


class MilestoneAlreadyGranted(DomainError):
    code = "milestone_already_granted"


# ---- the milestones themselves ------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneData:
    credits: int
    reward_text: str
    active: bool = True

    def cleaned(self) -> MilestoneData:
        changes: dict[str, Any] = validation.trimmed_text(self)
        return replace(self, **changes)


@dataclass(frozen=True)
class MilestoneRow:
    id: int
    credits: int
    reward_text: str
    active: bool
    unlocked: int  # people who reached it
    granted: int  # of whom HR handed the reward over


def validate_milestone(data: MilestoneData) -> list[FieldError]:
    errors: list[FieldError] = []
    if not 1 <= data.credits <= CREDITS_MAX:
        errors.append(
            FieldError(
                "milestone_credits",
                str(data.credits),
                messages.text("reason.milestone_credits_range", high=CREDITS_MAX),
            )
        )
    if not data.reward_text:
        errors.append(FieldError("milestone_reward", data.reward_text, messages.text("reason.required")))
    elif len(data.reward_text) > REWARD_TEXT_MAX:
        errors.append(
            FieldError(
                "milestone_reward",
                data.reward_text,
                messages.text("reason.too_long", limit=REWARD_TEXT_MAX),
            )
        )
    return errors


def get_milestone(session: Session, milestone_id: int) -> MilestoneData:
    found = get_or_raise(session, CreditMilestone, milestone_id)
    return MilestoneData(found.credits, found.reward_text, found.active)


def save_milestone(uow: UnitOfWork, data: MilestoneData, milestone_id: int | None = None) -> int:
    """Add a milestone (`milestone_id` None) or change one; returns its id. One milestone per credit count.

    Unlocks already made stay as they are.
    """
    require(uow.principal, Permission.EDIT_SETTINGS)
    data = data.cleaned()
    with uow:
        session = uow.session
        found = (
            CreditMilestone()
            if milestone_id is None
            else get_or_raise(session, CreditMilestone, milestone_id)
        )
        errors = validate_milestone(data)
        clash = session.scalar(select(CreditMilestone.id).where(CreditMilestone.credits == data.credits))
        if clash is not None and clash != milestone_id:
            errors.append(
                FieldError(
                    "milestone_credits",
                    str(data.credits),
                    messages.text("reason.milestone_taken", credits=data.credits),
                )
            )
        if errors:
            raise ValidationFailed(errors)
        found.credits, found.reward_text, found.active = data.credits, data.reward_text, data.active
        session.add(found)
        session.flush()
        uow.commit()
        return found.id


def set_milestone_active(uow: UnitOfWork, milestone_id: int, active: bool) -> None:
    require(uow.principal, Permission.EDIT_SETTINGS)
    with uow:
        get_or_raise(uow.session, CreditMilestone, milestone_id).active = active
        uow.commit()


def list_milestones(session: Session) -> list[MilestoneRow]:
    counts = {
        milestone_id: (int(unlocked), int(granted or 0))
        for milestone_id, unlocked, granted in session.execute(
            select(
                MilestoneUnlock.milestone_id,
                func.count(),
                func.sum(case((MilestoneUnlock.granted.is_(True), 1), else_=0)),
            ).group_by(MilestoneUnlock.milestone_id)
        )
    }
    return [
        MilestoneRow(m.id, m.credits, m.reward_text, m.active, *counts.get(m.id, (0, 0)))
        for m in session.scalars(select(CreditMilestone).order_by(CreditMilestone.credits))
    ]


# ---- credits and unlocking ----------------------------------------------------------------------


def credits_earned(session: Session, employee_ids: Iterable[int] | None = None) -> dict[int, Decimal]:
    """Employee id -> credits earned (attended sessions and historical records); people with none left out."""
    session_credits = (
        select(Attendance.employee_id.label("employee_id"), Course.credits.label("credits"))
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(Attendance.status.in_(ATTENDED))
    )
    record_credits = select(TrainingRecord.employee_id, TrainingRecord.credits)

    def totals(part: Sequence[int] | None) -> dict[int, Decimal]:
        first, second = session_credits, record_credits
        if part is not None:
            first = first.where(Attendance.employee_id.in_(part))
            second = second.where(TrainingRecord.employee_id.in_(part))
        both = first.union_all(second).subquery()
        stmt = select(both.c.employee_id, func.sum(both.c.credits)).group_by(both.c.employee_id)
        return {int(e): Decimal(total) for e, total in session.execute(stmt) if total}

    if employee_ids is None:
        return totals(None)
    found: dict[int, Decimal] = {}
    for part in chunks(sorted(set(employee_ids))):
        found.update(totals(part))
    return found


def check_milestones(
    target: UnitOfWork | Session, employee_ids: Iterable[int] | None = None, *, at: datetime
) -> list[int]:
    """Unlock every active milestone the people (everyone when None) have reached and not yet unlocked.

    Returns the new unlocks' ids; running it again adds nothing. Given a UnitOfWork it commits; given a
    Session (inside another write) it only flushes and the caller commits.
    """
    if isinstance(target, Session):
        return _unlock(target, employee_ids, at)
    require(target.principal, Permission.EDIT_RECORDS)
    with target:
        added = _unlock(target.session, employee_ids, at)
        target.commit()
        return added


def _unlock(session: Session, employee_ids: Iterable[int] | None, at: datetime) -> list[int]:
    milestones = list(
        session.execute(
            select(CreditMilestone.id, CreditMilestone.credits).where(CreditMilestone.active.is_(True))
        )
    )
    if not milestones:
        return []
    lowest = min(credits for _id, credits in milestones)
    reached = {e: total for e, total in credits_earned(session, employee_ids).items() if total >= lowest}
    if not reached:
        return []
    have: set[tuple[int, int]] = set()
    for part in chunks(sorted(reached)):
        have.update(
            (int(m), int(e))
            for m, e in session.execute(
                select(MilestoneUnlock.milestone_id, MilestoneUnlock.employee_id).where(
                    MilestoneUnlock.employee_id.in_(part)
                )
            )
        )
    new: list[dict[str, Any]] = [
        {"milestone_id": milestone_id, "employee_id": employee_id, "unlocked_at": at, "granted": False}
        for employee_id, total in sorted(reached.items())
        for milestone_id, credits in milestones
        if total >= credits and (milestone_id, employee_id) not in have
    ]
    if not new:
        return []
    session.execute(insert(MilestoneUnlock), new)
    wanted = {(int(row["milestone_id"]), int(row["employee_id"])) for row in new}
    added: list[int] = []
    for part in chunks(sorted({employee_id for _m, employee_id in wanted})):
        added.extend(
            int(unlock_id)
            for unlock_id, m, e in session.execute(
                select(MilestoneUnlock.id, MilestoneUnlock.milestone_id, MilestoneUnlock.employee_id).where(
                    MilestoneUnlock.employee_id.in_(part)
                )
            )
            if (m, e) in wanted
        )
    return sorted(added)


# ---- who unlocked what --------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneUnlockRow:
    id: int
    milestone_id: int
    credits: int
    reward_text: str
    employee_id: int
    employee_no: str
    name: str
    unlocked_at: datetime
    granted: bool
    granted_at: datetime | None


def milestone_rows(session: Session, *, granted: bool | None = None) -> list[MilestoneUnlockRow]:
    """Every unlock, newest first (then by milestone and 工号); `granted` narrows to handed over or not."""
    stmt = (
        select(MilestoneUnlock, CreditMilestone, Employee.employee_no, Employee.name)
        .join(CreditMilestone, CreditMilestone.id == MilestoneUnlock.milestone_id)
        .join(Employee, Employee.id == MilestoneUnlock.employee_id)
        .order_by(MilestoneUnlock.unlocked_at.desc(), CreditMilestone.credits, Employee.employee_no)
    )
    if granted is not None:
        stmt = stmt.where(MilestoneUnlock.granted.is_(granted))
    return [
        MilestoneUnlockRow(
            id=u.id,
            milestone_id=m.id,
            credits=m.credits,
            reward_text=m.reward_text,
            employee_id=u.employee_id,
            employee_no=number,
            name=name,
            unlocked_at=u.unlocked_at,
            granted=u.granted,
            granted_at=u.granted_at,
        )
        for u, m, number, name in session.execute(stmt)
    ]


def mark_granted(uow: UnitOfWork, unlock_id: int, *, at: datetime) -> None:
    """HR handed the milestone's reward over; refused when it was already."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        unlock = get_or_raise(uow.session, MilestoneUnlock, unlock_id)
        if unlock.granted:
            milestone = uow.session.get_one(CreditMilestone, unlock.milestone_id)
            employee = uow.session.get_one(Employee, unlock.employee_id)
            when = unlock.granted_at.date().isoformat() if unlock.granted_at else ""
            raise MilestoneAlreadyGranted(
                name=employee.name, no=employee.employee_no, reward=milestone.reward_text, when=when
            )
        unlock.granted = True
        unlock.granted_at = at
        uow.commit()
