"""Manual awards and deductions (MANUAL): the same points to several people at once with a reason, and the
point-adjustments Excel kind; a deduction never takes a balance below zero."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError, NotFound
from desktop_hr.excel.reader import SheetRow
from desktop_hr.models import Employee, PointCategory, PointEntry
from desktop_hr.services import imports
from desktop_hr.services.imports import chunks
from desktop_hr.services.labels import table_label
from desktop_hr.services.points import ledger
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "points.zero": ("积分不能为 0", "The points cannot be 0"),
        "points.out_of_range": (
            "积分须在 -{limit} 到 {limit} 之间",
            "The points must be between -{limit} and {limit}",
        ),
        "points.nobody": ("请至少选择一名员工", "Choose at least one employee"),
        "points.reason.overdrawn": (
            "余额 {balance} 分，扣减后将为 {after} 分（不能低于 0）",
            "the balance of {balance} points would become {after} (it cannot go below 0)",
        ),
        "points.warn.imported_before": (
            "{count} 行此前已导入（同一工号、积分和原因），未重复记入",
            "{count} row(s) were imported before (same 工号, points and reason) and were not added again",
        ),
    }
)


# One manual award or deduction: far above any reward's cost; beyond it is a typing slip (or 1.79e308).
MANUAL_POINTS_LIMIT = 10_000


def points_problem(points: int) -> str | None:
    """Why these points cannot be one manual entry, in the user's language, or None."""
    if points == 0:
        return messages.text("points.zero")
    if abs(points) > MANUAL_POINTS_LIMIT:
        return messages.text("points.out_of_range", limit=MANUAL_POINTS_LIMIT)
    return None


class PointsRefused(DomainError):
    def __init__(self, message_code: str, /, **params: object) -> None:
        self.code = message_code
        super().__init__(**params)


def manual_key_prefix(employee_id: int, points: int, reason: str) -> str:
    """Manual entries are identified by person, points and reason (the n-th such entry: prefix + n)."""
    digest = hashlib.sha1(f"{employee_id}|{points}|{reason}".encode()).hexdigest()[:16]
    return f"{ledger.MANUAL}:{digest}:"


def manual_counts(session: Session, employee_ids: Collection[int]) -> dict[str, int]:
    """{key prefix: how many manual entries already carry it} for these people."""
    counts: dict[str, int] = {}
    for part in chunks(sorted(employee_ids)):
        stmt = select(PointEntry.award_key).where(
            PointEntry.employee_id.in_(part),
            PointEntry.rule_code == ledger.MANUAL,
            PointEntry.award_key.is_not(None),
        )
        for key in session.scalars(stmt):
            prefix = str(key).rsplit(":", 1)[0] + ":"
            counts[prefix] = counts.get(prefix, 0) + 1
    return counts


def manual_posting(
    employee_id: int, points: int, reason: str, key: str, *, category: PointCategory, occurred_at: datetime
) -> ledger.Posting:
    return ledger.Posting(
        employee_id=employee_id,
        points=points,
        category=category,
        occurred_at=occurred_at,
        rule_code=ledger.MANUAL,
        award_key=key,
        reason=reason,
    )


def post_manual(session: Session, posting: ledger.Posting) -> int:
    """A deduction through ledger.spend (never below zero, under the person's lock), an award through post."""
    if posting.points < 0:
        return ledger.spend(session, posting)
    return ledger.post(session, posting)


def award_manual(
    uow: UnitOfWork,
    employee_ids: Iterable[int],
    points: int,
    reason: str,
    *,
    category: PointCategory = PointCategory.OTHER,
    occurred_at: datetime,
) -> list[int]:
    """Give (points > 0) or deduct (points < 0) the same points to several people at once, with a
    reason; all or nothing (InsufficientPoints names the first person a deduction would overdraw).
    Returns the new entries' ids."""
    require(uow.principal, Permission.AWARD_POINTS)
    cleaned = ledger.require_reason(reason)
    if points == 0:
        raise PointsRefused("points.zero")
    if abs(points) > MANUAL_POINTS_LIMIT:
        raise PointsRefused("points.out_of_range", limit=MANUAL_POINTS_LIMIT)
    people = list(dict.fromkeys(employee_ids))
    if not people:
        raise PointsRefused("points.nobody")
    with uow:
        session = uow.session
        for employee_id in people:
            if session.get(Employee, employee_id) is None:
                raise NotFound(what=table_label("employee"), key=employee_id)
        counts = manual_counts(session, people)
        ids: list[int] = []
        for employee_id in people:
            prefix = manual_key_prefix(employee_id, points, cleaned)
            key = f"{prefix}{counts.get(prefix, 0) + 1}"
            posting = manual_posting(
                employee_id, points, cleaned, key, category=category, occurred_at=occurred_at
            )
            ids.append(post_manual(session, posting))
        uow.commit()
        return ids


@dataclass(frozen=True)
class ManualEntry:
    """A manual award or deduction, for the point-adjustments export."""

    employee_no: str
    name: str
    points: int
    reason: str
    occurred_at: datetime
    category: PointCategory


def manual_entries(session: Session) -> list[ManualEntry]:
    """Every manual entry, oldest first."""
    stmt = (
        select(
            Employee.employee_no,
            Employee.name,
            PointEntry.points,
            PointEntry.reason,
            PointEntry.occurred_at,
            PointEntry.category,
        )
        .join(Employee, Employee.id == PointEntry.employee_id)
        .where(PointEntry.rule_code == ledger.MANUAL)
        .order_by(PointEntry.occurred_at, PointEntry.id)
    )
    return [ManualEntry(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class _Adjustment:
    posting: ledger.Posting | None  # None: imported before, nothing to write


class PointAdjustmentImporter(imports.RowImporter[_Adjustment]):
    """The point-adjustments kind (工号, 积分, 原因, optional 时间): each row a manual entry.

    A row's identity is its person, points and reason (the n-th alike row of the file is the n-th
    such entry), so importing the same file again, or the export of manual entries, adds nothing;
    to give the same points for the same reason again, vary the reason (add the month, say).
    A deduction that would take a balance below zero is a row error (the file's rows count in order).
    """

    def __init__(self, *, now: datetime | None = None) -> None:
        self.now = now
        self._people: dict[str, int] = {}
        self._balances: dict[int, int] = {}
        self._counts: dict[str, int] = {}
        self._seen: dict[str, int] = {}
        self._before = 0

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        self._people = imports.employee_ids_by_no(session, (r.values.get("employee_no") or "" for r in rows))
        people = sorted(set(self._people.values()))
        for part in chunks(people):
            stmt = (
                select(PointEntry.employee_id, func.sum(PointEntry.points))
                .where(PointEntry.employee_id.in_(part))
                .group_by(PointEntry.employee_id)
            )
            self._balances.update((int(e), int(total)) for e, total in session.execute(stmt))
        self._counts = manual_counts(session, people)

    def plan(self, row: SheetRow, problems: imports.RowProblems) -> _Adjustment | None:
        v = row.values
        employee_id = imports.known_id(
            row, problems, "employee_no", self._people, "reason.unknown_employee_no"
        )
        points: int | None = v.get("points")
        reason = (v.get("reason") or "").strip()
        problem = points_problem(points) if points is not None else None
        if problem is not None:
            problems.add(row, "points", problem)
        if employee_id is None or not points or problem is not None or not reason:
            return None
        prefix = manual_key_prefix(employee_id, points, reason)
        self._seen[prefix] = self._seen.get(prefix, 0) + 1
        if self._seen[prefix] <= self._counts.get(prefix, 0):
            self._before += 1
            return _Adjustment(None)
        balance = self._balances.get(employee_id, 0)
        if balance + points < 0:
            reason_text = messages.text("points.reason.overdrawn", balance=balance, after=balance + points)
            problems.add(row, "points", reason_text)
        if problems.has_errors(row):
            return None
        self._balances[employee_id] = balance + points
        at = v.get("occurred_at") or self.now or datetime.now()
        key = f"{prefix}{self._seen[prefix]}"
        return _Adjustment(
            manual_posting(employee_id, points, reason, key, category=PointCategory.OTHER, occurred_at=at)
        )

    def write(
        self, session: Session, plans: list[_Adjustment], progress: imports.Progress | None
    ) -> imports.Counts:
        created = unchanged = 0
        for plan in imports.with_progress(plans, progress):
            if plan.posting is None:
                unchanged += 1
                continue
            post_manual(session, plan.posting)
            created += 1
        return imports.Counts(created=created, unchanged=unchanged)

    def warnings(self) -> list[str]:
        return [messages.text("points.warn.imported_before", count=self._before)] if self._before else []
