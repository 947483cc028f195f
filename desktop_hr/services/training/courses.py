"""Courses (课程) and their material library (素材库): create, edit, delete-if-unused, the table, the Excel import."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import InvalidField
from desktop_hr.excel.reader import SheetRow
from desktop_hr.models import (
    Competency,
    Course,
    CourseCategory,
    CourseClassification,
    CourseMaterial,
    Delivery,
    Department,
    StoredFile,
    SubjectType,
    TrainerTrack,
    TrainingSession,
)
from desktop_hr.services import files, validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.archive.organisation import (
    department_paths,
    ensure_competency,
    split_department_path,
)
from desktop_hr.services.imports import Counts, Progress, RowImporter, RowProblems, chunks, with_progress
from desktop_hr.services.labels import label, table_label
from desktop_hr.services.lookup import contains_pattern, get_or_raise
from desktop_hr.services.references import count_references, refuse_if_referenced
from desktop_hr.services.trust.permissions import Permission, require

# Field keys (FieldError.field, and the column keys of the courses exchange format); zh labels are its headers.
COURSE_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "course_code": ("课程编号", "Course Code"),
    "course_title": ("课程名称", "Course"),
    "course_credits": ("学分", "Credits"),
    "course_hours": ("学时", "Hours"),
    "course_category": ("课程类别", "Category"),
    "course_classification": ("培训类型", "Classification"),
    "course_subject": ("科目类型", "Subject type"),
    "course_delivery": ("授课方式", "Delivery"),
    "course_owner": ("归属部门", "Owner Department"),
    "course_description": ("课程说明", "Description"),
    "course_competencies": ("能力项", "Competencies"),
}

messages.define({f"field.{key}": pair for key, pair in COURSE_FIELD_LABELS.items()})
messages.define(
    {
        "reason.course_code_taken": ("已被课程“{title}”使用", 'is already used by the course "{title}"'),
        "reason.unknown_department": ("系统中没有这个部门", "no department has this name or path"),
        "reason.ambiguous_department": (
            "有 {count} 个部门叫这个名字，请写出完整路径，如 {example}",
            "{count} departments have this name; write the whole path, e.g. {example}",
        ),
        "course.hr_general_module": ("人事通用模块", "HR general module"),
        "course.active": ("启用", "Active"),
        "course.inactive": ("停用", "Inactive"),
    }
)

CODE_MAX = 32
TITLE_MAX = 200

# CourseData attribute -> field key, for the fields the exchange format and the dialog name.
_FIELD_OF = {
    "code": "course_code",
    "title": "course_title",
    "credits": "course_credits",
    "hours": "course_hours",
    "category": "course_category",
    "classification": "course_classification",
    "subject": "course_subject",
    "delivery": "course_delivery",
    "owner_department_id": "course_owner",
    "description": "course_description",
    "competencies": "course_competencies",
}


@dataclass(frozen=True)
class CourseData:
    """Everything a clerk edits on one course, as plain values."""

    code: str
    title: str
    category: CourseCategory
    credits: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)
    classification: CourseClassification = CourseClassification.IN_SERVICE
    subject: SubjectType = SubjectType.PROFESSIONAL
    delivery: Delivery = Delivery.OFFLINE
    owner_department_id: int | None = None  # None: HR's general module
    description: str = ""
    active: bool = True
    competencies: tuple[str, ...] = ()  # competency names, in the order shown
    trainer_track: TrainerTrack | None = None  # 内训师培训: its class hours count toward trainer levels

    def cleaned(self) -> CourseData:
        """Text trimmed (full-width spaces too), competencies without blanks or repeats."""
        changes: dict[str, Any] = validation.trimmed_text(self)
        names = (c.strip() for c in self.competencies)
        changes["competencies"] = tuple(dict.fromkeys(c for c in names if c))
        return replace(self, **changes)


def course_field_label(key: str) -> str:
    return messages.text(f"field.{key}")


def validate_course(data: CourseData) -> list[FieldError]:
    """Rules that need no database: code and title present and short enough, amounts ≥ 0 with two places."""
    errors: list[FieldError] = []

    def bad(key: str, value: object, reason: str | None) -> None:
        if reason:
            errors.append(FieldError(key, "" if value is None else str(value), reason))

    required = messages.text("reason.required")
    if not data.code:
        bad("course_code", data.code, required)
    elif len(data.code) > CODE_MAX:
        bad("course_code", data.code, messages.text("reason.too_long", limit=CODE_MAX))
    if not data.title:
        bad("course_title", data.title, required)
    elif len(data.title) > TITLE_MAX:
        bad("course_title", data.title, messages.text("reason.too_long", limit=TITLE_MAX))
    bad("course_credits", data.credits, validation.amount_problem(data.credits))
    bad("course_hours", data.hours, validation.amount_problem(data.hours))
    return errors


def _validate_against_db(session: Session, data: CourseData, self_id: int | None) -> None:
    errors = validate_course(data)
    clash = session.execute(select(Course.id, Course.title).where(Course.code == data.code)).first()
    if clash is not None and clash.id != self_id:
        errors.append(
            FieldError("course_code", data.code, messages.text("reason.course_code_taken", title=clash.title))
        )
    if data.owner_department_id is not None and session.get(Department, data.owner_department_id) is None:
        errors.append(
            FieldError(
                "course_owner",
                str(data.owner_department_id),
                messages.text("not_found", what=table_label("department"), key=data.owner_department_id),
            )
        )
    if errors:
        raise ValidationFailed(errors)


_PLAIN_FIELDS = tuple(f.name for f in fields(CourseData) if f.name != "competencies")


def _apply(session: Session, course: Course, data: CourseData) -> None:
    """Copy validated values onto the mapped object; competencies named for the first time are created."""
    for name in _PLAIN_FIELDS:
        setattr(course, name, getattr(data, name))
    current = [c.name for c in course.competencies]
    if current != list(data.competencies):
        course.competencies = [
            session.get_one(Competency, ensure_competency(session, name)) for name in data.competencies
        ]


def data_of(course: Course) -> CourseData:
    return CourseData(
        **{name: getattr(course, name) for name in _PLAIN_FIELDS},
        competencies=tuple(c.name for c in course.competencies),
    )


def create_course(uow: UnitOfWork, data: CourseData) -> int:
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        _validate_against_db(uow.session, data, None)
        course = Course()
        _apply(uow.session, course, data)
        uow.session.add(course)
        uow.session.flush()
        uow.commit()
        return course.id


def update_course(uow: UnitOfWork, course_id: int, data: CourseData) -> int:
    require(uow.principal, Permission.EDIT_RECORDS)
    data = data.cleaned()
    with uow:
        course = get_or_raise(uow.session, Course, course_id)
        _validate_against_db(uow.session, data, course_id)
        _apply(uow.session, course, data)
        uow.commit()
        return course_id


def get_course(session: Session, course_id: int) -> CourseData:
    return data_of(get_or_raise(session, Course, course_id))


def set_course_competencies(uow: UnitOfWork, course_id: int, names: Iterable[str]) -> None:
    """The competencies the course addresses, exactly these (new names are added to the list)."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        course = get_or_raise(uow.session, Course, course_id)
        wanted = replace(data_of(course), competencies=tuple(names)).cleaned()
        _apply(uow.session, course, wanted)
        uow.commit()


def _drop_unused_files(session: Session, file_ids: Iterable[int]) -> None:
    """Stored files nothing refers to any more (materials removed, a course deleted) are removed too."""
    session.flush()
    for file_id in set(file_ids):
        if not count_references(session, "stored_file", file_id):
            stored = session.get(StoredFile, file_id)
            if stored is not None:
                session.delete(stored)


def delete_course(uow: UnitOfWork, course_id: int) -> CourseData:
    """Delete a course created by mistake: refused while sessions (or anything else) refer to it.

    Its materials and competency links belong to it and go with it.
    """
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        course = get_or_raise(uow.session, Course, course_id)
        refuse_if_referenced(
            uow.session,
            "course",
            course_id,
            f"{course.code} {course.title}",
            ignore=frozenset({"course_material", "course_competency"}),
        )
        data = data_of(course)
        file_ids = [m.file_id for m in course.materials]
        uow.session.delete(course)
        _drop_unused_files(uow.session, file_ids)
        uow.commit()
        return data


# ---- the courses table -----------------------------------------------------------------------------

COURSE_COLUMNS: tuple[str, ...] = (
    "code",
    "title",
    "credits",
    "hours",
    "category",
    "classification",
    "subject",
    "delivery",
    "owner",
    "session_count",
    "material_count",
    "active",
)


@dataclass(frozen=True)
class CourseQuery:
    text: str = ""  # part of the code or the title
    category: CourseCategory | None = None
    delivery: Delivery | None = None
    active: bool | None = None  # None: active and inactive alike
    sort: str = "code"  # a key of COURSE_COLUMNS
    descending: bool = False


@dataclass(frozen=True)
class CourseRow:
    """One line of the courses table, display-ready."""

    id: int
    code: str
    title: str
    credits: Decimal
    hours: Decimal
    category: CourseCategory
    classification: CourseClassification
    subject: SubjectType
    delivery: Delivery
    owner_department_id: int | None
    owner: str  # the department's path, or the HR general module
    active: bool
    session_count: int
    material_count: int

    def display(self, key: str) -> str:
        value = getattr(self, key)
        if isinstance(value, bool):
            return messages.text("course.active" if value else "course.inactive")
        if isinstance(value, enum.Enum):
            return label(value)
        return str(value)


def hr_general_module() -> str:
    return messages.text("course.hr_general_module")


def course_rows(session: Session, query: CourseQuery = CourseQuery()) -> list[CourseRow]:
    """The filtered, sorted courses with how many sessions and materials each has."""
    sessions = (
        select(TrainingSession.course_id, func.count().label("n"))
        .group_by(TrainingSession.course_id)
        .subquery()
    )
    materials = (
        select(CourseMaterial.course_id, func.count().label("n"))
        .group_by(CourseMaterial.course_id)
        .subquery()
    )
    session_count = func.coalesce(sessions.c.n, 0)
    material_count = func.coalesce(materials.c.n, 0)
    stmt = (
        select(Course, session_count, material_count)
        .outerjoin(sessions, sessions.c.course_id == Course.id)
        .outerjoin(materials, materials.c.course_id == Course.id)
    )
    text = query.text.strip()
    if text:
        like = contains_pattern(text)
        stmt = stmt.where(or_(Course.code.ilike(like, escape="\\"), Course.title.ilike(like, escape="\\")))
    if query.category is not None:
        stmt = stmt.where(Course.category == query.category)
    if query.delivery is not None:
        stmt = stmt.where(Course.delivery == query.delivery)
    if query.active is not None:
        stmt = stmt.where(Course.active.is_(query.active))
    sort_columns: dict[str, Any] = {
        "code": Course.code,
        "title": Course.title,
        "credits": Course.credits,
        "hours": Course.hours,
        "category": Course.category,
        "classification": Course.classification,
        "subject": Course.subject,
        "delivery": Course.delivery,
        "active": Course.active,
        "session_count": session_count,
        "material_count": material_count,
    }
    column = sort_columns.get(query.sort, Course.code)
    order = column.desc() if query.descending else column.asc()
    tie = Course.code.desc() if query.descending else Course.code.asc()
    paths = department_paths(session)
    general = hr_general_module()
    rows = [
        CourseRow(
            id=course.id,
            code=course.code,
            title=course.title,
            credits=course.credits,
            hours=course.hours,
            category=course.category,
            classification=course.classification,
            subject=course.subject,
            delivery=course.delivery,
            owner_department_id=course.owner_department_id,
            owner=paths.get(course.owner_department_id, "") if course.owner_department_id else general,
            active=course.active,
            session_count=int(sessions_n),
            material_count=int(materials_n),
        )
        for course, sessions_n, materials_n in session.execute(stmt.order_by(order, tie))
    ]
    if query.sort == "owner":
        # Paths are names joined in Python (department_paths), so this one sorts here.
        rows.sort(key=lambda r: (r.owner, r.code), reverse=query.descending)
    return rows


# ---- the material library ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MaterialInfo:
    id: int
    course_id: int
    original_name: str
    size: int  # bytes
    uploaded_at: datetime
    uploaded_by: str
    note: str


def add_material(uow: UnitOfWork, course_id: int, path: Path, note: str = "") -> int:
    """Attach a file to the course under the name it had; the same content attached twice is stored once."""
    require(uow.principal, Permission.UPLOAD_MATERIALS)
    path = Path(path)
    content = files.read_upload(path)  # before the transaction: a big file must not hold the write lock
    with uow:
        get_or_raise(uow.session, Course, course_id)
        material = CourseMaterial(
            course_id=course_id,
            file_id=files.store_bytes(uow.session, content),
            original_name=path.name[: files.NAME_MAX],
            note=note.strip(),
            uploaded_by=uow.actor,
        )
        uow.session.add(material)
        uow.session.flush()
        uow.commit()
        return material.id


def list_materials(session: Session, course_id: int) -> list[MaterialInfo]:
    stmt = (
        select(CourseMaterial, StoredFile.size)
        .join(StoredFile, StoredFile.id == CourseMaterial.file_id)
        .where(CourseMaterial.course_id == course_id)
        .order_by(CourseMaterial.id)
    )
    return [
        MaterialInfo(m.id, m.course_id, m.original_name, size, m.uploaded_at, m.uploaded_by, m.note)
        for m, size in session.execute(stmt)
    ]


def remove_material(uow: UnitOfWork, material_id: int) -> MaterialInfo:
    require(uow.principal, Permission.UPLOAD_MATERIALS)
    with uow:
        material = get_or_raise(uow.session, CourseMaterial, material_id)
        info = MaterialInfo(
            material.id,
            material.course_id,
            material.original_name,
            material.file.size,
            material.uploaded_at,
            material.uploaded_by,
            material.note,
        )
        uow.session.delete(material)
        _drop_unused_files(uow.session, [material.file_id])
        uow.commit()
        return info


def copy_material_out(session: Session, material_id: int, folder: Path) -> Path:
    """The material written into `folder` under its original name (numbered if that name is taken)."""
    material = get_or_raise(session, CourseMaterial, material_id)
    return files.copy_out(session, material.file_id, Path(folder), material.original_name)


# ---- the courses Excel import ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    course_id: int | None  # None: a new course
    data: CourseData
    changed: bool


@dataclass
class CourseImporter(RowImporter[_Plan]):
    """课程编号 is the key: a known code updates that course (only the columns in the file), a new one creates it."""

    _existing: dict[str, CourseData] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict)
    _department_by_path: dict[str, int] = field(default_factory=dict)
    _departments_by_name: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def load(self, session: Session, rows: list[SheetRow]) -> None:
        codes = sorted({str(r.values["course_code"]) for r in rows if r.values.get("course_code")})
        for part in chunks(codes):
            for course in session.scalars(select(Course).where(Course.code.in_(part))):
                self._existing[course.code] = data_of(course)
                self._ids[course.code] = course.id
        for department_id, path in department_paths(session).items():
            self._department_by_path[path] = department_id
            name = path.rsplit("/", 1)[-1]
            self._departments_by_name.setdefault(name, []).append((department_id, path))

    def _department(self, text: str) -> tuple[int | None, str | None]:
        """(id, None) for a known path or unique name, else (None, the reason)."""
        try:
            path = "/".join(split_department_path(text))
        except InvalidField as exc:
            return None, str(exc.params["reason"])
        if path in self._department_by_path:
            return self._department_by_path[path], None
        named = self._departments_by_name.get(path, [])
        if len(named) == 1:
            return named[0][0], None
        if named:
            return None, messages.text("reason.ambiguous_department", count=len(named), example=named[0][1])
        return None, messages.text("reason.unknown_department")

    def plan(self, row: SheetRow, problems: RowProblems) -> _Plan | None:
        values = row.values
        code, title = values.get("course_code"), values.get("course_title")
        if not code or not title:
            return None  # the reader reported the blank required cell
        before = self._existing.get(code)
        changes: dict[str, Any] = {"code": code, "title": title}
        # A blank cell keeps what the course has (a new course: the defaults, 0 credits and hours).
        for attribute, key in _FIELD_OF.items():
            if values.get(key) is not None and attribute not in ("code", "title", "owner_department_id"):
                changes[attribute] = values[key]
        owner_problem: str | None = None
        if "course_owner" in values:
            owner = values["course_owner"]
            department_id, owner_problem = self._department(owner) if owner else (None, None)
            changes["owner_department_id"] = department_id
        category = changes.get("category") or (before.category if before else None)
        base = before or CourseData(code=code, title=title, category=category or CourseCategory.REQUIRED)
        data = replace(base, **changes).cleaned()
        # Reported in the file's column order: the amounts, then the category, then the department.
        for error in validate_course(data):
            problems.add(row, error.field, error.reason)
        if category is None:
            problems.add(row, "course_category", messages.text("reason.required"))
        if owner_problem is not None:
            problems.add(row, "course_owner", owner_problem)
        if problems.has_errors(row):
            return None
        return _Plan(self._ids.get(code), data, before is None or data != before.cleaned())

    def write(self, session: Session, plans: list[_Plan], progress: Progress | None) -> Counts:
        created = updated = unchanged = 0
        by_id: dict[int, Course] = {}
        wanted = sorted(p.course_id for p in plans if p.course_id is not None and p.changed)
        for part in chunks(wanted):
            by_id.update((c.id, c) for c in session.scalars(select(Course).where(Course.id.in_(part))))
        for plan in with_progress(plans, progress):
            if not plan.changed:
                unchanged += 1
            elif plan.course_id is None:
                course = Course()
                _apply(session, course, plan.data)
                session.add(course)
                created += 1
            else:
                _apply(session, by_id[plan.course_id], plan.data)
                updated += 1
        session.flush()
        return Counts(created, updated, unchanged)
