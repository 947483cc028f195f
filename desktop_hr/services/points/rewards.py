"""Rewards (兑换目录) and redemptions: the catalogue, and requested → approved / rejected → fulfilled, or cancelled.

The points are held (a negative REDEEM entry) when the request is made and given back (a positive REDEEM
entry reversing the hold) on reject or cancel; the stock goes down on approval and back up when an
approved redemption is cancelled. Each step is one transaction: the balance check runs under the
employee's lock (ledger.spend) and the stock changes by a conditional UPDATE, so two clerks clicking at
once can neither overdraw a balance nor take the stock below zero.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import Employee, PointCategory, PointEntry, Redemption, RedemptionStatus, Reward
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.labels import label
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.points import ledger
from desktop_hr.services.trust.permissions import Permission, require

NAME_MAX = 100
COST_MAX = 1_000_000
STOCK_MAX = 1_000_000
SOURCE_TYPE = "redemption"  # PointEntry.source_type of holds and give-backs; source_id is the redemption

messages.define(
    {
        "field.reward_name": ("奖励名称", "Reward"),
        "field.reward_cost": ("所需积分", "Cost in points"),
        "field.reward_stock": ("库存", "Stock"),
        "field.reward_description": ("说明", "Description"),
        "reason.reward_name_taken": ("已有同名奖励", "a reward with this name already exists"),
        "reason.whole_number_range": (
            "应为 {low} 到 {high} 之间的整数",
            "must be a whole number from {low} to {high}",
        ),
        "reward_inactive": (
            "奖励“{name}”已停用，不能申请兑换。",
            'The reward "{name}" is inactive and cannot be requested.',
        ),
        "reward_out_of_stock": (
            "奖励“{name}”已无库存，不能{action}。",
            'The reward "{name}" is out of stock; cannot {action}.',
        ),
        "reward_free": (
            "奖励“{name}”不需要积分，无需兑换申请。",
            'The reward "{name}" costs no points; no redemption is needed.',
        ),
        "redemption_wrong_status": (
            "兑换申请 #{id}（{name}：{reward}）当前状态为“{status}”，不能{action}。",
            "Redemption #{id} ({name}: {reward}) is {status}; it cannot be {action}.",
        ),
        "redemption.action.request": ("申请兑换", "request it"),
        "redemption.action.approve": ("批准", "approved"),
        "redemption.action.reject": ("驳回", "rejected"),
        "redemption.action.fulfil": ("兑现", "fulfilled"),
        "redemption.action.cancel": ("撤销", "cancelled"),
        "redemption.reason.hold": ("兑换“{reward}”（申请 #{id}）", 'Redeemed "{reward}" (request #{id})'),
        "redemption.reason.give_back": (
            "兑换申请 #{id}“{reward}”{action}，退回积分",
            'Redemption #{id} "{reward}" {action}: points given back',
        ),
    }
)


class RewardInactive(DomainError):
    code = "reward_inactive"


class RewardOutOfStock(DomainError):
    code = "reward_out_of_stock"


class RewardFree(DomainError):
    code = "reward_free"


class RedemptionWrongStatus(DomainError):
    """Approving, rejecting, fulfilling or cancelling a redemption whose status does not allow it."""

    code = "redemption_wrong_status"


# ---- the catalogue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RewardData:
    """One reward as a clerk edits it; `stock` None means unlimited."""

    name: str
    cost: int
    stock: int | None = None
    active: bool = True
    description: str = ""

    def cleaned(self) -> RewardData:
        changes: dict[str, Any] = validation.trimmed_text(self)
        return replace(self, **changes)


@dataclass(frozen=True)
class RewardRow:
    id: int
    name: str
    cost: int
    stock: int | None
    active: bool
    description: str
    requested: int  # redemptions waiting for a decision
    approved: int  # approved, not yet fulfilled


def validate_reward(data: RewardData) -> list[FieldError]:
    """Rules that need no database: a name, cost 0-COST_MAX, stock blank or 0-STOCK_MAX."""
    errors: list[FieldError] = []
    if not data.name:
        errors.append(FieldError("reward_name", data.name, messages.text("reason.required")))
    elif len(data.name) > NAME_MAX:
        errors.append(FieldError("reward_name", data.name, messages.text("reason.too_long", limit=NAME_MAX)))
    if not 0 <= data.cost <= COST_MAX:
        errors.append(
            FieldError(
                "reward_cost",
                str(data.cost),
                messages.text("reason.whole_number_range", low=0, high=COST_MAX),
            )
        )
    if data.stock is not None and not 0 <= data.stock <= STOCK_MAX:
        errors.append(
            FieldError(
                "reward_stock",
                str(data.stock),
                messages.text("reason.whole_number_range", low=0, high=STOCK_MAX),
            )
        )
    return errors


def _data_of(reward: Reward) -> RewardData:
    return RewardData(reward.name, reward.cost, reward.stock, reward.active, reward.description)


def get_reward(session: Session, reward_id: int) -> RewardData:
    return _data_of(get_or_raise(session, Reward, reward_id))


def save_reward(uow: UnitOfWork, data: RewardData, reward_id: int | None = None) -> int:
    """Add a reward (`reward_id` None) or change one; returns its id. The name is unique."""
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        session = uow.session
        reward = Reward() if reward_id is None else get_or_raise(session, Reward, reward_id)
        errors = validate_reward(data)
        clash = session.scalar(select(Reward.id).where(Reward.name == data.name))
        if clash is not None and clash != reward_id:
            errors.append(FieldError("reward_name", data.name, messages.text("reason.reward_name_taken")))
        if errors:
            raise ValidationFailed(errors)
        reward.name, reward.cost, reward.stock = data.name, data.cost, data.stock
        reward.active, reward.description = data.active, data.description
        session.add(reward)
        session.flush()
        uow.commit()
        return reward.id


def set_active(uow: UnitOfWork, reward_id: int, active: bool) -> None:
    """Offer the reward again, or stop offering it (requests already made go on)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        get_or_raise(uow.session, Reward, reward_id).active = active
        uow.commit()


def list_rewards(session: Session, *, active_only: bool = False) -> list[RewardRow]:
    """The catalogue by name, with how many redemptions of each are waiting or approved."""
    counts: dict[tuple[int, RedemptionStatus], int] = {
        (reward_id, status): count
        for reward_id, status, count in session.execute(
            select(Redemption.reward_id, Redemption.status, func.count())
            .where(Redemption.status.in_((RedemptionStatus.REQUESTED, RedemptionStatus.APPROVED)))
            .group_by(Redemption.reward_id, Redemption.status)
        )
    }
    stmt = select(Reward).order_by(Reward.name)
    if active_only:
        stmt = stmt.where(Reward.active.is_(True))
    return [
        RewardRow(
            r.id,
            r.name,
            r.cost,
            r.stock,
            r.active,
            r.description,
            counts.get((r.id, RedemptionStatus.REQUESTED), 0),
            counts.get((r.id, RedemptionStatus.APPROVED), 0),
        )
        for r in session.scalars(stmt)
    ]


# ---- redemptions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RedemptionRow:
    id: int
    employee_id: int
    employee_no: str
    name: str
    reward_id: int
    reward_name: str
    points: int  # held at the request
    status: RedemptionStatus
    requested_at: datetime
    decided_at: datetime | None
    fulfilled_at: datetime | None
    actor: str
    note: str


def _hold(session: Session, redemption: Redemption, at: datetime) -> None:
    ledger.spend(
        session,
        ledger.Posting(
            employee_id=redemption.employee_id,
            points=-redemption.points,
            category=PointCategory.OTHER,
            occurred_at=at,
            rule_code=ledger.REDEEM,
            source_type=SOURCE_TYPE,
            source_id=redemption.id,
            reason=messages.text("redemption.reason.hold", reward=redemption.reward.name, id=redemption.id),
        ),
    )


def _give_back(session: Session, redemption: Redemption, action: str, at: datetime) -> None:
    """A positive REDEEM entry reversing the hold: the person has the points again."""
    hold_id = session.scalar(
        select(PointEntry.id).where(
            PointEntry.source_type == SOURCE_TYPE,
            PointEntry.source_id == redemption.id,
            PointEntry.rule_code == ledger.REDEEM,
            PointEntry.points < 0,
        )
    )
    ledger.post(
        session,
        ledger.Posting(
            employee_id=redemption.employee_id,
            points=redemption.points,
            category=PointCategory.OTHER,
            occurred_at=at,
            rule_code=ledger.REDEEM,
            source_type=SOURCE_TYPE,
            source_id=redemption.id,
            reverses_id=hold_id,
            reason=messages.text(
                "redemption.reason.give_back",
                id=redemption.id,
                reward=redemption.reward.name,
                action=messages.text(f"redemption.action.{action}"),
            ),
        ),
    )


def _take_one(session: Session, reward: Reward, action: str) -> None:
    """One off the stock, in the database: the WHERE refuses when another clerk took the last one."""
    taken = session.execute(
        update(Reward)
        .where(Reward.id == reward.id, (Reward.stock.is_(None)) | (Reward.stock > 0))
        .values(stock=Reward.stock - 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(taken, "rowcount", 0) != 1:
        raise RewardOutOfStock(name=reward.name, action=messages.text(f"redemption.action.{action}"))


def _put_one_back(session: Session, reward_id: int) -> None:
    session.execute(
        update(Reward)
        .where(Reward.id == reward_id, Reward.stock.is_not(None))
        .values(stock=Reward.stock + 1)
        .execution_options(synchronize_session=False)
    )


def _locked(session: Session, redemption_id: int) -> Redemption:
    """The redemption, its row locked (PostgreSQL) and read afresh, so a concurrent decision is seen."""
    found = session.scalars(
        select(Redemption)
        .where(Redemption.id == redemption_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    return found if found is not None else get_or_raise(session, Redemption, redemption_id)


def _require(redemption: Redemption, action: str, *allowed: RedemptionStatus) -> None:
    if redemption.status not in allowed:
        raise RedemptionWrongStatus(
            id=redemption.id,
            name=redemption.employee.name,
            reward=redemption.reward.name,
            status=label(redemption.status),
            action=messages.text(f"redemption.action.{action}"),
        )


def request_redemption(
    uow: UnitOfWork,
    employee_id: int,
    reward_id: int,
    *,
    at: datetime,
    note: str = "",
) -> int:
    """Ask for a reward: refused when it is inactive, out of stock or above the balance; else the
    points are held at once. Returns the redemption's id."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        ledger.lock_employee(session, employee_id)  # first, so two requests for one person queue here
        reward = get_or_raise(session, Reward, reward_id)
        action = messages.text("redemption.action.request")
        if not reward.active:
            raise RewardInactive(name=reward.name)
        if reward.stock is not None and reward.stock <= 0:
            raise RewardOutOfStock(name=reward.name, action=action)
        if reward.cost <= 0:
            raise RewardFree(name=reward.name)
        redemption = Redemption(
            employee_id=employee_id,
            reward_id=reward.id,
            points=reward.cost,
            status=RedemptionStatus.REQUESTED,
            requested_at=at,
            actor=uow.actor,
            note=validation.trim(note),
        )
        session.add(redemption)
        session.flush()
        _hold(session, redemption, at)  # InsufficientPoints: nothing of this is kept
        uow.commit()
        return redemption.id


def approve(uow: UnitOfWork, redemption_id: int, *, at: datetime) -> None:
    """requested → approved, taking one off the stock (refused when none is left)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        redemption = _locked(session, redemption_id)
        _require(redemption, "approve", RedemptionStatus.REQUESTED)
        _take_one(session, redemption.reward, "approve")
        _decide(uow, redemption, RedemptionStatus.APPROVED, at)
        uow.commit()


def reject(uow: UnitOfWork, redemption_id: int, *, at: datetime, note: str = "") -> None:
    """requested → rejected; the held points are given back."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        redemption = _locked(session, redemption_id)
        _require(redemption, "reject", RedemptionStatus.REQUESTED)
        _give_back(session, redemption, "reject", at)
        _decide(uow, redemption, RedemptionStatus.REJECTED, at, note)
        uow.commit()


def cancel(uow: UnitOfWork, redemption_id: int, *, at: datetime, note: str = "") -> None:
    """requested or approved → cancelled; the held points are given back, and an approved one's stock."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        redemption = _locked(session, redemption_id)
        _require(redemption, "cancel", RedemptionStatus.REQUESTED, RedemptionStatus.APPROVED)
        if redemption.status == RedemptionStatus.APPROVED:
            _put_one_back(session, redemption.reward_id)
        _give_back(session, redemption, "cancel", at)
        _decide(uow, redemption, RedemptionStatus.CANCELLED, at, note)
        uow.commit()


def fulfil(uow: UnitOfWork, redemption_id: int, *, at: datetime) -> None:
    """approved → fulfilled: the reward was handed over; the held points stay spent."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        redemption = _locked(uow.session, redemption_id)
        _require(redemption, "fulfil", RedemptionStatus.APPROVED)
        redemption.status = RedemptionStatus.FULFILLED
        redemption.fulfilled_at = at
        redemption.actor = uow.actor
        uow.commit()


def _decide(
    uow: UnitOfWork, redemption: Redemption, status: RedemptionStatus, at: datetime, note: str = ""
) -> None:
    """The decision, by the account the unit of work acts for."""
    redemption.status = status
    redemption.decided_at = at
    redemption.actor = uow.actor
    if note.strip():
        redemption.note = validation.trim(note)


def redemption_rows(
    session: Session, status: RedemptionStatus | None = None, employee_id: int | None = None
) -> list[RedemptionRow]:
    """Redemptions, newest request first, optionally of one status or one person."""
    stmt = (
        select(Redemption, Employee.employee_no, Employee.name, Reward.name)
        .join(Employee, Employee.id == Redemption.employee_id)
        .join(Reward, Reward.id == Redemption.reward_id)
        .order_by(Redemption.requested_at.desc(), Redemption.id.desc())
    )
    if status is not None:
        stmt = stmt.where(Redemption.status == status)
    if employee_id is not None:
        stmt = stmt.where(Redemption.employee_id == employee_id)
    return [
        RedemptionRow(
            id=r.id,
            employee_id=r.employee_id,
            employee_no=number,
            name=name,
            reward_id=r.reward_id,
            reward_name=reward_name,
            points=r.points,
            status=r.status,
            requested_at=r.requested_at,
            decided_at=r.decided_at,
            fulfilled_at=r.fulfilled_at,
            actor=r.actor,
            note=r.note,
        )
        for r, number, name, reward_name in session.execute(stmt)
    ]
