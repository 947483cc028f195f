"""Small lookups every service needs: a row by id or a clear NotFound, a named row created on first use."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr.errors import NotFound
from desktop_hr.services.labels import table_label

T = TypeVar("T")


def get_or_raise(session: Session, model: type[T], key: int) -> T:
    found = session.get(model, key)
    if found is None:
        what = table_label(getattr(model, "__tablename__", model.__name__))
        principal = session.info.get("principal")
        if principal is not None and getattr(principal, "scoped", False):
            # Hidden from a department head, not missing: say so, naming the person by number.
            hidden = session.get(model, key, execution_options={"unscoped": True})
            if hidden is not None:
                from desktop_hr.services.trust.permissions import outside_department

                raise outside_department(principal, what, str(getattr(hidden, "employee_no", key)))
        raise NotFound(what=what, key=key)
    return found


def id_for_name(session: Session, model: Any, name: str) -> int:
    """Id of the row of `model` called `name` (positions, competencies), creating it when new."""
    name = name.strip()
    found = session.scalar(select(model.id).where(model.name == name))
    if found is not None:
        return int(found)
    row = model(name=name, description="")
    session.add(row)
    session.flush()
    return int(row.id)


def contains_pattern(text: str) -> str:
    """An ILIKE pattern (escape character backslash) matching `text` anywhere, wildcards in it taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
