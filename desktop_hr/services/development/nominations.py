"""Trainer nominations (内训师推荐): a head nominates one of its own people with a reason, HR accepts or declines.

An accepted nominee becomes an internal trainer at 初级 (a level already set is kept). A head sees and
nominates only people of its own department subtree; deciding is HR's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError, NotFound
from desktop_hr.models import Employee, EmployeeStatus, TrainerLevel
from desktop_hr.models.base import utcnow
from desktop_hr.models.development import NominationStatus, TrainerNomination
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.trust.permissions import Permission, Principal, outside_department, require

REASON_MAX = 500
NOTE_MAX = 500

messages.define(
    {
        "field.nomination_employee": ("被推荐人", "Nominee"),
        "field.nomination_reason": ("推荐理由", "Reason"),
        "field.nomination_note": ("审核意见", "Decision note"),
        "nomination.reason.left": (
            "{person} 已离职，不能推荐为内训师",
            "{person} has left and cannot be nominated",
        ),
        "nomination.reason.trainer": (
            "{person} 已是内训师（{level}），无需推荐",
            "{person} is already a trainer ({level}); no nomination is needed",
        ),
        "nomination.reason.pending": (
            "{person} 已有一条待审核的推荐（{by}，{day}），请等待人事审核",
            "{person} already has a pending nomination ({by}, {day}); wait for HR's decision",
        ),
        "nomination.decided": (
            "对 {person} 的推荐已审核（{status}），不能再次审核",
            "The nomination of {person} was already decided ({status}); it cannot be decided again",
        ),
        "nomination.nominee_left": (
            "{person} 已离职，不能接受其推荐；可选择不接受",
            "{person} has left: the nomination cannot be accepted; decline it instead",
        ),
    }
)


class NominationDecided(DomainError):
    code = "nomination.decided"


class NomineeLeft(DomainError):
    code = "nomination.nominee_left"


@dataclass(frozen=True)
class NominationRow:
    """One nomination as the list shows it."""

    id: int
    employee_id: int
    employee_no: str
    name: str
    department: str  # the path, 总公司/华东分部/销售部
    reason: str
    nominated_by: str
    nominated_at: datetime
    status: NominationStatus
    decided_by: str
    decided_at: datetime | None
    decision_note: str

    @property
    def person(self) -> str:
        return f"{self.employee_no} {self.name}"


def _person(employee: Employee) -> str:
    return f"{employee.employee_no} {employee.name}"


def _nominee(session: Session, employee_id: int) -> Employee:
    # Unscoped: a head asking for someone outside its subtree is told so by name, not "not found".
    found = session.scalars(
        select(Employee).where(Employee.id == employee_id).execution_options(unscoped=True)
    ).one_or_none()
    if found is None:
        raise NotFound(what=table_label("employee"), key=employee_id)
    return found


def _refusal(key: str, value: str, reason: str) -> ValidationFailed:
    return ValidationFailed([FieldError(field=key, value=value, reason=reason)])


def nominate(uow: UnitOfWork, employee_id: int | None, reason: str) -> int:
    """Nominate `employee_id` as an internal trainer; returns the nomination's id.

    A head may nominate only someone of its own subtree (OutsideDepartment names the person). Refused with
    ValidationFailed: nobody chosen, no reason or one too long, a nominee who left, is a trainer already,
    or has a nomination pending. Nothing is written then."""
    principal = require(uow.principal, Permission.NOMINATE_TRAINERS)
    reason = validation.trim(reason)
    if employee_id is None:
        missing = [FieldError("nomination_employee", "", messages.text("reason.required"))]
        if not reason:
            missing.append(FieldError("nomination_reason", "", messages.text("reason.required")))
        raise ValidationFailed(missing)
    with uow:
        session = uow.session
        nominee = _nominee(session, employee_id)
        person = _person(nominee)
        if principal.scoped and nominee.department_id not in (principal.departments or frozenset()):
            raise outside_department(principal, table_label("employee"), person)
        errors: list[FieldError] = []
        if nominee.status is EmployeeStatus.LEFT:
            errors.append(
                FieldError(
                    "nomination_employee", person, messages.text("nomination.reason.left", person=person)
                )
            )
        elif nominee.is_trainer:
            level = label(nominee.trainer_level) if nominee.trainer_level else ""
            errors.append(
                FieldError(
                    "nomination_employee",
                    person,
                    messages.text("nomination.reason.trainer", person=person, level=level),
                )
            )
        else:
            pending = session.execute(
                select(TrainerNomination.nominated_by, TrainerNomination.nominated_at)
                .where(
                    TrainerNomination.employee_id == employee_id,
                    TrainerNomination.status == NominationStatus.PENDING,
                )
                .limit(1)
            ).first()
            if pending is not None:
                errors.append(
                    FieldError(
                        "nomination_employee",
                        person,
                        messages.text(
                            "nomination.reason.pending",
                            person=person,
                            by=pending[0] or "-",
                            day=f"{pending[1]:%Y-%m-%d}",
                        ),
                    )
                )
        if not reason:
            errors.append(FieldError("nomination_reason", reason, messages.text("reason.required")))
        elif len(reason) > REASON_MAX:
            errors.append(
                FieldError(
                    "nomination_reason", reason[:20] + "…", messages.text("reason.too_long", limit=REASON_MAX)
                )
            )
        if errors:
            raise ValidationFailed(errors)
        nomination = TrainerNomination(
            employee_id=employee_id,
            reason=reason,
            nominated_by=principal.name,
            nominated_at=utcnow(),
            status=NominationStatus.PENDING,
        )
        session.add(nomination)
        session.flush()
        new_id = nomination.id
        uow.commit()
    return new_id


def decide(uow: UnitOfWork, nomination_id: int, accept: bool, note: str = "") -> NominationStatus:
    """HR's decision on a pending nomination; accepting makes the nominee a trainer (初级 unless a level is
    set already). Returns the new status."""
    principal = require(uow.principal, Permission.EDIT_RECORDS)
    note = validation.trim(note)
    if len(note) > NOTE_MAX:
        raise _refusal("nomination_note", note[:20] + "…", messages.text("reason.too_long", limit=NOTE_MAX))
    with uow:
        session = uow.session
        nomination = session.get(TrainerNomination, nomination_id)
        if nomination is None:
            raise NotFound(what=table_label("trainer_nomination"), key=nomination_id)
        nominee = nomination.employee
        person = _person(nominee)
        if nomination.status is not NominationStatus.PENDING:
            raise NominationDecided(person=person, status=label(nomination.status))
        if accept:
            if nominee.status is EmployeeStatus.LEFT:
                raise NomineeLeft(person=person)
            nominee.is_trainer = True
            if nominee.trainer_level is None:
                nominee.trainer_level = TrainerLevel.JUNIOR
        nomination.status = NominationStatus.ACCEPTED if accept else NominationStatus.DECLINED
        nomination.decided_by = principal.name
        nomination.decided_at = utcnow()
        nomination.decision_note = note
        status = nomination.status
        uow.commit()
    return status


def nominations(
    session: Session, principal: Principal | None, status: NominationStatus | None = None
) -> list[NominationRow]:
    """The nominations, newest first (only `status`'s if given); a head's only of its own subtree."""
    stmt = (
        select(
            TrainerNomination.id,
            TrainerNomination.employee_id,
            Employee.employee_no,
            Employee.name,
            Employee.department_id,
            TrainerNomination.reason,
            TrainerNomination.nominated_by,
            TrainerNomination.nominated_at,
            TrainerNomination.status,
            TrainerNomination.decided_by,
            TrainerNomination.decided_at,
            TrainerNomination.decision_note,
        )
        .join(Employee, Employee.id == TrainerNomination.employee_id)
        .order_by(TrainerNomination.nominated_at.desc(), TrainerNomination.id.desc())
    )
    if status is not None:
        stmt = stmt.where(TrainerNomination.status == status)
    if principal is not None and principal.scoped:
        stmt = stmt.where(Employee.department_id.in_(sorted(principal.departments or ())))
    paths = department_paths(session)
    return [
        NominationRow(
            id=r.id,
            employee_id=r.employee_id,
            employee_no=r.employee_no,
            name=r.name,
            department=paths.get(r.department_id, "") if r.department_id is not None else "",
            reason=r.reason,
            nominated_by=r.nominated_by,
            nominated_at=r.nominated_at,
            status=r.status,
            decided_by=r.decided_by,
            decided_at=r.decided_at,
            decision_note=r.decision_note,
        )
        for r in session.execute(stmt)
    ]
