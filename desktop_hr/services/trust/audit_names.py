"""The names of the people, sessions and other rows audit entries refer to by id, read for a block of
entries at once (one query per kind of row, never one per entry)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import islice
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desktop_hr.models import Base
from desktop_hr.services.trust.audit import AuditRow

CHUNK = 500  # ids per IN (...): well under SQLite's limit on parameters
# The columns that name a row, in order ("00049 侯梅雨", "C001 团队管理"); training sessions add their course.
NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "employee": ("employee_no", "name"),
    "course": ("code", "title"),
    "department": ("name",),
    "position": ("name",),
    "competency": ("name",),
    "reward": ("name",),
    "point_rule": ("code", "name"),
    "requirement": ("name",),
}


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _read(session: Session, table: str, ids: list[int]) -> Iterator[tuple[int, str]]:
    if table == "training_session":
        sessions, courses = _table("training_session"), _table("course")
        query: Any = select(sessions.c.id, sessions.c.code, courses.c.title).join(
            courses, courses.c.id == sessions.c.course_id
        )
        where = sessions.c.id
    else:
        rows = _table(table)
        query = select(rows.c.id, *(rows.c[column] for column in NAME_COLUMNS[table]))
        where = rows.c.id
    for start in range(0, len(ids), CHUNK):
        for number, *parts in session.execute(query.where(where.in_(ids[start : start + CHUNK]))):
            yield int(number), " ".join(str(part) for part in parts if part not in (None, ""))


def names(session: Session, rows: Iterable[AuditRow]) -> dict[tuple[str, int], str]:
    """(table, id) → name of every row `rows` refer to that still exists."""
    wanted: defaultdict[str, set[int]] = defaultdict(set)
    for row in rows:
        for table, number in row.references():
            wanted[table].add(number)
    found: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        if table in NAME_COLUMNS or table == "training_session":
            found.update(((table, number), name) for number, name in _read(session, table, sorted(ids)))
    return found


def with_names(session: Session, rows: list[AuditRow]) -> list[AuditRow]:
    """`rows`, each able to show the names of what it refers to."""
    known: Mapping[tuple[str, int], str] = names(session, rows)
    return [replace(row, names=known) for row in rows]


def named(session: Session, rows: Iterable[AuditRow], batch: int = 2000) -> Iterator[AuditRow]:
    """`rows` (an export's stream) with their names, read a batch at a time."""
    iterator = iter(rows)
    while block := list(islice(iterator, batch)):
        yield from with_names(session, block)
