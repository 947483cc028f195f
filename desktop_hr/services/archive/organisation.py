"""Departments (company > branch > department), positions and their core competencies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DepartmentCycle, InvalidField, NotFound
from desktop_hr.models import Competency, Department, DepartmentKind, Employee, Position
from desktop_hr.services.labels import table_label
from desktop_hr.services.lookup import get_or_raise, id_for_name
from desktop_hr.services.references import refuse_if_referenced
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "field.department": ("部门", "Department"),
        "field.position": ("岗位", "Position"),
        "reason.empty_path_part": ("部门路径中有空的层级", "the department path has an empty level"),
        "reason.position_taken": ("已有同名岗位", "a position with this name already exists"),
        "reason.name_taken": (
            "同一上级下已有同名部门",
            "a department with this name already exists under the same parent",
        ),
    }
)

PATH_SEPARATORS = ("/", "\\", ">", "／", "＞")


@dataclass(frozen=True)
class DepartmentNode:
    id: int
    name: str
    kind: DepartmentKind
    parent_id: int | None
    path_names: str  # "总公司/华东分部/销售部"
    depth: int
    employee_count: int  # people directly in this department, all statuses


def split_department_path(text: str) -> list[str]:
    normalised = text
    for sep in PATH_SEPARATORS[1:]:
        normalised = normalised.replace(sep, "/")
    parts = [p.strip() for p in normalised.split("/")]
    if not parts or any(not p for p in parts):
        raise InvalidField(
            field=messages.text("field.department"),
            value=text,
            reason=messages.text("reason.empty_path_part"),
        )
    return parts


def department_tree(session: Session) -> list[DepartmentNode]:
    """Every department, parents before children, siblings by name."""
    counts = dict(
        session.execute(select(Employee.department_id, func.count()).group_by(Employee.department_id)).all()
    )
    departments = session.scalars(select(Department)).all()
    by_parent: dict[int | None, list[Department]] = {}
    for dept in departments:
        by_parent.setdefault(dept.parent_id, []).append(dept)
    ordered: list[DepartmentNode] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        for dept in sorted(by_parent.get(parent_id, []), key=lambda d: d.name):
            names = f"{prefix}/{dept.name}" if prefix else dept.name
            ordered.append(
                DepartmentNode(
                    dept.id, dept.name, dept.kind, dept.parent_id, names, depth, counts.get(dept.id, 0)
                )
            )
            walk(dept.id, names, depth + 1)

    walk(None, "", 0)
    return ordered


def department_paths(session: Session) -> dict[int, str]:
    """Department id → its path of names, in department_tree's order: one query of three columns (no
    entities, no head counts: every report that names departments asks for this)."""
    by_parent: dict[int | None, list[tuple[str, int]]] = {}
    for dept_id, name, parent_id in session.execute(
        select(Department.id, Department.name, Department.parent_id)
    ):
        by_parent.setdefault(parent_id, []).append((name, dept_id))
    paths: dict[int, str] = {}

    def walk(parent_id: int | None, prefix: str) -> None:
        for name, dept_id in sorted(by_parent.get(parent_id, [])):
            paths[dept_id] = names = f"{prefix}/{name}" if prefix else name
            walk(dept_id, names)

    walk(None, "")
    return paths


def department_by_path(session: Session, text: str) -> int:
    """The department a typed path names ("总公司/华东分部", any of the path separators); NotFound names the
    path as typed."""
    wanted = "/".join(split_department_path(text))
    for department_id, names in department_paths(session).items():
        if names == wanted:
            return department_id
    raise NotFound(what=table_label("department"), key=text)


def subtree_ids(session: Session, department_id: int) -> list[int]:
    root = get_or_raise(session, Department, department_id)
    return list(session.scalars(select(Department.id).where(Department.path.startswith(root.path))))


def _kind_for(depth: int, is_leaf: bool) -> DepartmentKind:
    if depth == 0:
        return DepartmentKind.COMPANY
    return DepartmentKind.DEPARTMENT if is_leaf else DepartmentKind.BRANCH


def ensure_department_path(session: Session, text: str) -> int:
    """The id of the department at `总公司/华东分部/销售部`, creating missing levels (in the caller's transaction)."""
    return ensure_department_paths(session, [text])[text]


def ensure_department_paths(session: Session, texts: Iterable[str]) -> dict[str, int]:
    """ensure_department_path for many paths at once ({path as given: id}): the tree read in one query and
    one flush per level of new departments, instead of a query per level and a flush per department."""
    wanted = {text: tuple(split_department_path(text)) for text in texts}
    if not wanted:
        return {}
    tree = list(session.scalars(select(Department)))
    by_id = {d.id: d for d in tree}
    found: dict[tuple[str, ...], Department] = {}

    def names_of(dept: Department) -> tuple[str, ...]:
        names = [dept.name]
        parent_id = dept.parent_id
        while parent_id is not None and parent_id in by_id:
            names.append(by_id[parent_id].name)
            parent_id = by_id[parent_id].parent_id
        return tuple(reversed(names))

    for dept in tree:
        found.setdefault(names_of(dept), dept)
    # Levels some wanted path goes through: a department there holds departments (a branch).
    inner = {parts[: depth + 1] for parts in wanted.values() for depth in range(len(parts) - 1)}
    for depth in range(max(len(parts) for parts in wanted.values())):
        created: list[tuple[Department, Department | None]] = []
        for prefix in sorted({parts[: depth + 1] for parts in wanted.values() if len(parts) > depth}):
            parent = found[prefix[:-1]] if depth else None
            existing = found.get(prefix)
            if existing is None:
                dept = Department(
                    name=prefix[-1],
                    kind=_kind_for(depth, prefix not in inner),
                    parent_id=parent.id if parent else None,
                    path="",
                )
                session.add(dept)
                found[prefix] = dept
                created.append((dept, parent))
            elif prefix in inner and existing.kind is DepartmentKind.DEPARTMENT and depth > 0:
                existing.kind = DepartmentKind.BRANCH
        if created:
            session.flush()  # their ids, for their paths and for the next level's parents
            for dept, parent in created:
                dept.path = f"{parent.path if parent else ''}{dept.id}/"
    return {text: found[parts].id for text, parts in wanted.items()}


def create_department(
    uow: UnitOfWork, *, name: str, parent_id: int | None, kind: DepartmentKind | None = None
) -> int:
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        name = name.strip()
        parent = session.get(Department, parent_id) if parent_id is not None else None
        if parent_id is not None and parent is None:
            raise NotFound(what=table_label("department"), key=parent_id)
        _check_name_free(session, name, parent_id, None)
        depth = len(parent.path.split("/")) - 1 if parent else 0
        dept = Department(name=name, kind=kind or _kind_for(depth, True), parent_id=parent_id, path="")
        session.add(dept)
        session.flush()
        dept.path = f"{parent.path if parent else ''}{dept.id}/"
        uow.commit()
        return dept.id


def _check_name_free(session: Session, name: str, parent_id: int | None, self_id: int | None) -> None:
    if not name:
        raise InvalidField(
            field=messages.text("field.department"), value=name, reason=messages.text("reason.required")
        )
    same_parent = Department.parent_id.is_(None) if parent_id is None else Department.parent_id == parent_id
    clash = session.scalar(select(Department.id).where(same_parent, Department.name == name))
    if clash is not None and clash != self_id:
        raise InvalidField(
            field=messages.text("field.department"), value=name, reason=messages.text("reason.name_taken")
        )


def rename_department(uow: UnitOfWork, department_id: int, name: str) -> None:
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        dept = get_or_raise(uow.session, Department, department_id)
        _check_name_free(uow.session, name.strip(), dept.parent_id, dept.id)
        dept.name = name.strip()
        uow.commit()


def move_department(uow: UnitOfWork, department_id: int, new_parent_id: int | None) -> None:
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        dept = get_or_raise(session, Department, department_id)
        parent = session.get(Department, new_parent_id) if new_parent_id is not None else None
        if parent is not None and parent.path.startswith(dept.path):
            raise DepartmentCycle(name=dept.name)
        _check_name_free(session, dept.name, new_parent_id, dept.id)
        old_prefix = dept.path
        new_prefix = f"{parent.path if parent else ''}{dept.id}/"
        for node in session.scalars(select(Department).where(Department.path.startswith(old_prefix))):
            node.path = new_prefix + node.path[len(old_prefix) :]
        dept.parent_id = new_parent_id
        uow.commit()


def delete_department(uow: UnitOfWork, department_id: int) -> None:
    """Only an empty department with no sub-departments and no employees (past or present) goes."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        dept = get_or_raise(session, Department, department_id)
        refuse_if_referenced(session, "department", department_id, dept.name)
        session.delete(dept)
        uow.commit()


def ensure_position(session: Session, name: str) -> int:
    return id_for_name(session, Position, name)


def ensure_competency(session: Session, name: str) -> int:
    return id_for_name(session, Competency, name)


@dataclass(frozen=True)
class PositionInfo:
    id: int
    name: str
    competencies: tuple[str, ...]
    employee_count: int


def list_positions(session: Session) -> list[PositionInfo]:
    counts = dict(
        session.execute(select(Employee.position_id, func.count()).group_by(Employee.position_id)).all()
    )
    return [
        PositionInfo(p.id, p.name, tuple(c.name for c in p.competencies), counts.get(p.id, 0))
        for p in session.scalars(select(Position).order_by(Position.name))
    ]


def list_competencies(session: Session) -> list[str]:
    return list(session.scalars(select(Competency.name).order_by(Competency.name)))


def set_competencies_in_session(session: Session, position_name: str, competencies: list[str]) -> int:
    position_id = ensure_position(session, position_name)
    position = session.get_one(Position, position_id)
    wanted = [c.strip() for c in competencies if c.strip()]
    position.competencies = [
        session.get_one(Competency, ensure_competency(session, c)) for c in dict.fromkeys(wanted)
    ]
    return position_id


def set_position_competencies(uow: UnitOfWork, position_name: str, competencies: list[str]) -> int:
    """Create the position if needed and set its core competencies (岗位核心能力) to exactly these."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        position_id = set_competencies_in_session(uow.session, position_name, competencies)
        uow.commit()
        return position_id


def save_position(uow: UnitOfWork, position_id: int | None, name: str, competencies: list[str]) -> int:
    """Create a position (id None) or rename one, and set its core competencies to exactly these."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        session = uow.session
        name = name.strip()
        if not name:
            raise InvalidField(
                field=messages.text("field.position"), value=name, reason=messages.text("reason.required")
            )
        clash = session.scalar(select(Position.id).where(Position.name == name))
        if clash is not None and clash != position_id:
            raise InvalidField(
                field=messages.text("field.position"),
                value=name,
                reason=messages.text("reason.position_taken"),
            )
        if position_id is None:
            position_id = ensure_position(session, name)
        else:
            get_or_raise(session, Position, position_id).name = name
        set_competencies_in_session(session, name, competencies)
        uow.commit()
        return position_id


def delete_position(uow: UnitOfWork, position_id: int) -> None:
    """Only a position nobody holds (now or in the past) goes; its competency links go with it."""
    require(uow.principal, Permission.EDIT_RECORDS)
    with uow:
        position = get_or_raise(uow.session, Position, position_id)
        refuse_if_referenced(
            uow.session, "position", position_id, position.name, ignore=frozenset({"position_competency"})
        )
        uow.session.delete(position)
        uow.commit()
