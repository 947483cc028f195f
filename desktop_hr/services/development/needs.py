"""The training-needs pool (培训需求池): heads and HR submit needs; HR adopts, schedules (with a course or a
session), closes and deletes them. A head sees and submits only for its own departments (and those under them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.models import Competency, Course, Department, TrainingSession
from desktop_hr.models.development import NeedStatus, TrainingNeed
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.lookup import contains_pattern, get_or_raise
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission, Principal, require
from desktop_hr.services.validation import trim

TITLE_MAX = 200
NOTE_MAX = 2000

messages.define(
    {
        "field.need_title": ("需求", "Need"),
        "field.need_department": ("部门", "Department"),
        "field.need_competency": ("能力项", "Competency"),
        "field.need_status": ("状态", "Status"),
        "field.need_course": ("关联课程或班次", "Linked course or session"),
        "field.need_note": ("备注", "Note"),
        "reason.need_department_required": (
            "部门负责人提交需求时须选择部门",
            "a department head must choose the department of the need",
        ),
        "reason.need_outside_department": (
            "不在您负责的部门（{own}，含下级部门）范围内",
            "is outside the departments you are responsible for ({own} and those under it)",
        ),
        "reason.need_unknown": ("不存在（可能已被删除）", "does not exist (it may have been deleted)"),
        "reason.need_schedule_link": (
            "状态为“已排课”时须关联一门课程或一个班次",
            "a scheduled need must be linked to a course or a session",
        ),
        "need_not_deletable": (
            "不能删除需求“{title}”：状态为“{status}”。只能删除“新提交”或“已关闭”的需求，可先将其关闭。",
            'Cannot delete the need "{title}": its status is "{status}". Only new or closed needs can be '
            "deleted; close it first.",
        ),
        "need_duplicate": (
            "{department}的“{competency}”已有未关闭的需求“{title}”（{status}），不再重复加入需求池。",
            'The pool already has an open need for "{competency}" in {department}: "{title}" ({status}).',
        ),
    }
)


class NeedNotDeletable(DomainError):
    code = "need_not_deletable"


class DuplicateNeed(DomainError):
    code = "need_duplicate"


@dataclass(frozen=True)
class NeedData:
    """A need as the dialog edits it; the department is required of a head."""

    title: str
    department_id: int | None = None
    competency_id: int | None = None
    detail: str = ""

    def cleaned(self) -> NeedData:
        return NeedData(trim(self.title), self.department_id, self.competency_id, self.detail.strip())


@dataclass(frozen=True)
class NeedChoices:
    """What a need's dialog offers: the departments the account may submit for (id, path) and the competencies."""

    departments: list[tuple[int, str]]
    competencies: list[tuple[int, str]]


@dataclass(frozen=True)
class LinkChoices:
    """What a need can be linked to: active courses ("code title") and sessions ("code title day"), newest first."""

    courses: list[tuple[int, str]]
    sessions: list[tuple[int, str]]


@dataclass(frozen=True)
class NeedRow:
    """A need as the pool lists it."""

    id: int
    title: str
    detail: str
    department_id: int | None
    department: str  # the department's path, "" when none
    competency_id: int | None
    competency: str
    status: NeedStatus
    course_id: int | None
    course: str  # "code title", "" when none
    session_id: int | None
    session: str  # the session's code
    submitted_by: str
    submitted_at: datetime
    note: str

    @property
    def data(self) -> NeedData:
        return NeedData(self.title, self.department_id, self.competency_id, self.detail)


def _principal_departments(principal: Principal, paths: dict[int, str]) -> str:
    own = principal.department_id
    return paths.get(own, "") if own is not None else ""


def _validate(session: Session, principal: Principal, data: NeedData) -> tuple[NeedData, list[FieldError]]:
    cleaned = data.cleaned()
    errors: list[FieldError] = []
    if not cleaned.title:
        errors.append(FieldError("need_title", "", messages.text("reason.required")))
    elif len(cleaned.title) > TITLE_MAX:
        errors.append(
            FieldError(
                "need_title", cleaned.title[:20] + "…", messages.text("reason.too_long", limit=TITLE_MAX)
            )
        )
    paths = department_paths(session)
    if cleaned.department_id is None:
        if principal.scoped:
            errors.append(FieldError("need_department", "", messages.text("reason.need_department_required")))
    elif cleaned.department_id not in paths:
        errors.append(
            FieldError("need_department", str(cleaned.department_id), messages.text("reason.need_unknown"))
        )
    elif principal.scoped and cleaned.department_id not in (principal.departments or frozenset()):
        errors.append(
            FieldError(
                "need_department",
                paths[cleaned.department_id],
                messages.text("reason.need_outside_department", own=_principal_departments(principal, paths)),
            )
        )
    if cleaned.competency_id is not None and session.get(Competency, cleaned.competency_id) is None:
        errors.append(
            FieldError("need_competency", str(cleaned.competency_id), messages.text("reason.need_unknown"))
        )
    return cleaned, errors


def submit_need(uow: UnitOfWork, data: NeedData) -> int:
    """Put a need into the pool as 新提交, submitted by the signed-in account; returns its id.
    A head only for a department of its own subtree; ValidationFailed names each refused field."""
    return _submit(uow, data, refuse_open=False)


def _submit(uow: UnitOfWork, data: NeedData, *, refuse_open: bool) -> int:
    principal = require(uow.principal, Permission.SUBMIT_NEEDS)
    with uow:
        cleaned, errors = _validate(uow.session, principal, data)
        if errors:
            raise ValidationFailed(errors)
        if refuse_open and cleaned.competency_id is not None:
            _refuse_open(uow.session, cleaned.department_id, cleaned.competency_id)
        need = TrainingNeed(
            title=cleaned.title,
            detail=cleaned.detail,
            department_id=cleaned.department_id,
            competency_id=cleaned.competency_id,
            status=NeedStatus.NEW,
            submitted_by=principal.name,
        )
        uow.session.add(need)
        uow.session.flush()
        need_id = int(need.id)
        uow.commit()
    return need_id


def update_need(uow: UnitOfWork, need_id: int, data: NeedData) -> None:
    """HR edits a need's title, department, competency and detail."""
    principal = require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        need = get_or_raise(uow.session, TrainingNeed, need_id)
        cleaned, errors = _validate(uow.session, principal, data)
        if errors:
            raise ValidationFailed(errors)
        need.title = cleaned.title
        need.detail = cleaned.detail
        need.department_id = cleaned.department_id
        need.competency_id = cleaned.competency_id
        uow.commit()


def set_status(
    uow: UnitOfWork,
    need_id: int,
    status: NeedStatus,
    *,
    course_id: int | None = None,
    session_id: int | None = None,
    note: str = "",
) -> None:
    """HR moves a need along (新提交 → 已采纳 → 已排课 → 已关闭, or back). A course or session given links it
    (a session's course becomes the course); none given keeps the links it has. 已排课 needs a link. A
    non-empty `note` replaces the need's note."""
    require(uow.principal, Permission.EDIT_RECORDS)
    note = note.strip()
    with uow:
        need = get_or_raise(uow.session, TrainingNeed, need_id)
        errors: list[FieldError] = []
        if len(note) > NOTE_MAX:
            errors.append(
                FieldError("need_note", note[:20] + "…", messages.text("reason.too_long", limit=NOTE_MAX))
            )
        if session_id is not None:
            training = uow.session.get(TrainingSession, session_id)
            if training is None:
                errors.append(
                    FieldError("need_course", str(session_id), messages.text("reason.need_unknown"))
                )
            else:
                need.session_id, need.course_id = training.id, training.course_id
        elif course_id is not None:
            if uow.session.get(Course, course_id) is None:
                errors.append(FieldError("need_course", str(course_id), messages.text("reason.need_unknown")))
            else:
                need.course_id, need.session_id = course_id, None
        if status is NeedStatus.SCHEDULED and need.course_id is None and not errors:
            errors.append(FieldError("need_course", "", messages.text("reason.need_schedule_link")))
        if errors:
            raise ValidationFailed(errors)
        need.status = status
        if note:
            need.note = note
        uow.commit()


def delete_need(uow: UnitOfWork, need_id: int, reason: str = "") -> None:
    """HR deletes a need that is 新提交 or 已关闭 (the others are on their way to a course: close them first);
    the reason goes into the audit trail's entry for the deletion."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        need = get_or_raise(uow.session, TrainingNeed, need_id)
        if need.status not in (NeedStatus.NEW, NeedStatus.CLOSED):
            raise NeedNotDeletable(title=need.title, status=label(need.status))
        uow.session.delete(need)
        uow.session.flush()  # the write guard queues the trail's entry for the deletion here
        for entry in audit.pending(uow.session):
            deleted = entry.table_name == "training_need" and entry.action == audit.Action.DELETE
            if deleted and entry.record_id == str(need_id):
                entry.reason = reason.strip()
        uow.commit()


def need_choices(session: Session, principal: Principal | None) -> NeedChoices:
    """The departments (a head: its own subtree) and competencies a need may name."""
    visible = _visible(principal)
    paths = department_paths(session)
    departments = [(i, p) for i, p in paths.items() if visible is None or i in visible]
    competencies = [
        (i, n) for i, n in session.execute(select(Competency.id, Competency.name).order_by(Competency.name))
    ]
    return NeedChoices(departments, competencies)


def link_choices(session: Session) -> LinkChoices:
    courses = session.execute(
        select(Course.id, Course.code, Course.title).where(Course.active.is_(True)).order_by(Course.code)
    ).all()
    sessions = session.execute(
        select(TrainingSession.id, TrainingSession.code, Course.title, TrainingSession.starts_at)
        .join(Course, Course.id == TrainingSession.course_id)
        .order_by(TrainingSession.starts_at.desc())
    ).all()
    return LinkChoices(
        [(i, f"{code} {title}") for i, code, title in courses],
        [(i, f"{code} {title}（{starts:%Y-%m-%d}）") for i, code, title, starts in sessions],
    )


def _visible(principal: Principal | None) -> frozenset[int] | None:
    """The departments whose needs the account sees; None: all (HR, auditors)."""
    if principal is not None and principal.scoped:
        return principal.departments or frozenset()
    return None


def needs(
    session: Session,
    principal: Principal | None,
    status: NeedStatus | None = None,
    department_id: int | None = None,
    text: str = "",
) -> list[NeedRow]:
    """The pool, newest first: of one status, of a department's subtree, or matching `text` (title, detail,
    department or competency); a head sees only the needs of its own departments."""
    session_alias = aliased(TrainingSession)
    query = (
        select(
            TrainingNeed,
            Competency.name,
            Course.code,
            Course.title,
            session_alias.code,
        )
        .outerjoin(Competency, Competency.id == TrainingNeed.competency_id)
        .outerjoin(Course, Course.id == TrainingNeed.course_id)
        .outerjoin(session_alias, session_alias.id == TrainingNeed.session_id)
        .order_by(TrainingNeed.submitted_at.desc(), TrainingNeed.id.desc())
    )
    visible = _visible(principal)
    if visible is not None:
        query = query.where(TrainingNeed.department_id.in_(sorted(visible)))
    if status is not None:
        query = query.where(TrainingNeed.status == status)
    if department_id is not None:
        root = get_or_raise(session, Department, department_id)
        subtree = select(Department.id).where(Department.path.startswith(root.path))
        query = query.where(TrainingNeed.department_id.in_(subtree))
    wanted = trim(text)
    if wanted:
        like = contains_pattern(wanted)
        in_departments = select(Department.id).where(Department.name.ilike(like, escape="\\"))
        query = query.where(
            or_(
                TrainingNeed.title.ilike(like, escape="\\"),
                TrainingNeed.detail.ilike(like, escape="\\"),
                Competency.name.ilike(like, escape="\\"),
                TrainingNeed.department_id.in_(in_departments),
            )
        )
    paths = department_paths(session)
    rows: list[NeedRow] = []
    for need, competency, course_code, course_title, session_code in session.execute(query).all():
        rows.append(
            NeedRow(
                id=need.id,
                title=need.title,
                detail=need.detail,
                department_id=need.department_id,
                department=paths.get(need.department_id, "") if need.department_id is not None else "",
                competency_id=need.competency_id,
                competency=competency or "",
                status=need.status,
                course_id=need.course_id,
                course=f"{course_code} {course_title}" if course_code else "",
                session_id=need.session_id,
                session=session_code or "",
                submitted_by=need.submitted_by,
                submitted_at=need.submitted_at,
                note=need.note,
            )
        )
    return rows


def open_need(session: Session, department_id: int | None, competency_id: int) -> TrainingNeed | None:
    """The pool's need for this department and competency that is not closed yet, if any."""
    department = (
        TrainingNeed.department_id.is_(None)
        if department_id is None
        else TrainingNeed.department_id == department_id
    )
    return session.scalars(
        select(TrainingNeed)
        .where(
            department, TrainingNeed.competency_id == competency_id, TrainingNeed.status != NeedStatus.CLOSED
        )
        .order_by(TrainingNeed.id)
        .limit(1)
    ).first()


def _refuse_open(session: Session, department_id: int | None, competency_id: int) -> None:
    found = open_need(session, department_id, competency_id)
    if found is None:
        return
    paths = department_paths(session)
    competency = session.get(Competency, competency_id)
    raise DuplicateNeed(
        department=paths.get(department_id, "") if department_id is not None else table_label("department"),
        competency=competency.name if competency is not None else "",
        title=found.title,
        status=label(found.status),
    )


def submit_unless_open(uow: UnitOfWork, data: NeedData) -> int:
    """`submit_need`, refused (DuplicateNeed, nothing written) when the pool already has a need for the same
    department and competency that is not closed."""
    return _submit(uow, data, refuse_open=True)
