"""The points ledger's one way in (post) and the balance every rule checks against.

The ledger is append-only: nothing here updates or deletes an entry. Writers run inside a unit of
work that already holds the database's write lock on SQLite (BEGIN IMMEDIATE); on PostgreSQL
`lock_employee` serialises writers per person, so two clerks can never both spend the same points.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import actor_of
from desktop_hr.errors import DomainError
from desktop_hr.models import Employee, PointCategory, PointEntry
from desktop_hr.services.lookup import get_or_raise
from desktop_hr.services.trust.permissions import MANUAL_RULE

messages.define(
    {
        "insufficient_points": (
            "{name}（{no}）的积分余额为 {balance}，不足 {needed}。",
            "{name} ({no}) has a balance of {balance} points, less than the {needed} needed.",
        ),
        "reason_required": ("必须填写原因。", "A reason is required."),
    }
)

# Rule codes of entries that no rule produced (the permission check knows the manual ones: only an account
# that may award points by hand writes them).
MANUAL = MANUAL_RULE
REDEEM = "REDEEM"  # points held for a redemption (negative), and given back (positive)


class InsufficientPoints(DomainError):
    code = "insufficient_points"


class ReasonRequired(DomainError):
    code = "reason_required"


@dataclass(frozen=True)
class Posting:
    """What to write; `award_key` only for automatic awards (see PointEntry)."""

    employee_id: int
    points: int
    category: PointCategory
    occurred_at: datetime
    rule_code: str
    rule_id: int | None = None
    source_type: str = ""
    source_id: int | None = None
    award_key: str | None = None
    reverses_id: int | None = None
    reason: str = ""


def lock_employee(session: Session, employee_id: int) -> Employee:
    """The employee row, locked for the rest of the transaction where the database can (PostgreSQL)."""
    stmt = select(Employee).where(Employee.id == employee_id).with_for_update()
    found = session.scalars(stmt).first()
    if found is None:
        return get_or_raise(session, Employee, employee_id)  # raises NotFound
    return found


def balance(session: Session, employee_id: int) -> int:
    """Everything earned, lost, held and given back: what the person can spend now."""
    total = session.scalar(
        select(func.coalesce(func.sum(PointEntry.points), 0)).where(PointEntry.employee_id == employee_id)
    )
    return int(total or 0)


def post(session: Session, posting: Posting) -> int:
    """Append one entry, by the account the session acts for; returns its id."""
    entry = PointEntry(
        employee_id=posting.employee_id,
        points=posting.points,
        category=posting.category,
        rule_id=posting.rule_id,
        rule_code=posting.rule_code,
        occurred_at=posting.occurred_at,
        source_type=posting.source_type,
        source_id=posting.source_id,
        award_key=posting.award_key,
        reverses_id=posting.reverses_id,
        reason=posting.reason,
        actor=actor_of(session),
    )
    session.add(entry)
    session.flush()
    return entry.id


def spend(session: Session, posting: Posting) -> int:
    """Post a negative entry only if the balance covers it (checked under the lock, in this transaction)."""
    assert posting.points < 0
    employee = lock_employee(session, posting.employee_id)
    current = balance(session, posting.employee_id)
    if current + posting.points < 0:
        raise InsufficientPoints(
            name=employee.name, no=employee.employee_no, balance=current, needed=-posting.points
        )
    return post(session, posting)


def require_reason(reason: str) -> str:
    cleaned = reason.strip()
    if not cleaned:
        raise ReasonRequired()
    return cleaned
