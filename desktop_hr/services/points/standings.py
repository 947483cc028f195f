"""Balances and the leaderboard a page at a time: ordered and filtered in SQL, the rows read one block of ids at a time.

The Points tab lists 10,000 people. It asks once for the order of everyone matching (`balance_ids`,
`leader_standings`: one query, sorted by the column the user clicked), holds that, and reads the figures of
the rows the user scrolls to (`balance_page`, `leader_page`: a block of ids with an IN list). Nothing sorts
10,000 rows in Python. A department head's queries see only its own subtree (the write guard narrows every
query that reads Employee), so its lists, counts and ranks are its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop_hr.models import Department, Employee, EmployeeStatus, PointEntry
from desktop_hr.services.archive.organisation import department_paths
from desktop_hr.services.imports import chunks
from desktop_hr.services.lookup import contains_pattern
from desktop_hr.services.points.point_reports import (
    BALANCE_FIGURES,
    BalanceRow,
    LeaderRow,
    Period,
    Person,
    balance_row,
    balance_sums,
    earned_only,
)

# What a balance table column sorts by, in the order of its columns.
BALANCE_SORTS: tuple[str, ...] = ("employee_no", "name", "department", *BALANCE_FIGURES)
# The same for the leaderboard: rank is the order of the points, best first.
LEADER_SORTS: tuple[str, ...] = ("rank", "employee_no", "name", "department", "points")


@dataclass(frozen=True)
class BalanceQuery:
    """Who is listed (a 工号 or name containing `text`) and in which order (one of BALANCE_SORTS)."""

    text: str = ""
    sort: str = "employee_no"
    descending: bool = False


@dataclass(frozen=True)
class LeaderQuery:
    """The leaderboard of a period, ordered by one of LEADER_SORTS (ranks stay those of the points)."""

    period: Period
    sort: str = "rank"
    descending: bool = False


@dataclass(frozen=True)
class Standing:
    """One place on a leaderboard: who, their rank among everyone listed, their points."""

    employee_id: int
    rank: int
    points: int


def _ordered(
    stmt: Select[*tuple[Any, ...]], column: Any, descending: bool, *, tie_descending: bool
) -> Select[*tuple[Any, ...]]:
    """Ordered by `column` (empty values last), then by 工号, so that the order is total."""
    order = column.desc() if descending else column.asc()
    tie = Employee.employee_no.desc() if tie_descending else Employee.employee_no.asc()
    return stmt.order_by(order.nulls_last(), tie)


def balance_ids(session: Session, query: BalanceQuery) -> list[int]:
    """Every matching employee's id (left ones too: their points stay on the books), in the asked order.

    Sorting by a figure groups the whole ledger once; sorting by 工号, name or department reads no entry.
    """
    stmt = select(Employee.id)
    text = query.text.strip()
    if text:
        like = contains_pattern(text)
        stmt = stmt.where(
            or_(Employee.employee_no.ilike(like, escape="\\"), Employee.name.ilike(like, escape="\\"))
        )
    column: Any  # a mapped column or a figure of the sums
    if query.sort in BALANCE_FIGURES:
        sums = balance_sums().subquery()
        stmt = stmt.outerjoin(sums, sums.c.employee_id == Employee.id)
        column = func.coalesce(sums.c[query.sort], 0)
    elif query.sort == "department":
        stmt = stmt.outerjoin(Department, Department.id == Employee.department_id)
        column = Department.path  # the tree's order: a department's people beside its sub-departments'
    elif query.sort == "name":
        column = Employee.name
    else:
        column = Employee.employee_no
    ordered = _ordered(stmt, column, query.descending, tie_descending=query.descending)
    return list(session.scalars(ordered))


def _people(session: Session, ids: Sequence[int]) -> dict[int, Person]:
    paths = department_paths(session)
    found: dict[int, Person] = {}
    for block in chunks(list(ids)):
        stmt = select(
            Employee.id, Employee.employee_no, Employee.name, Employee.department_id, Employee.status
        ).where(Employee.id.in_(block))
        for emp_id, no, name, dept_id, status in session.execute(stmt):
            found[emp_id] = Person(
                emp_id, no, name, dept_id, paths.get(dept_id, "") if dept_id else "", status
            )
    return found


def balance_page(session: Session, ids: Sequence[int]) -> dict[int, BalanceRow]:
    """The rows of these employees (one block of the table), by id; an id no longer there is left out."""
    everyone = _people(session, ids)
    sums: dict[int, Sequence[object]] = {}
    for block in chunks(list(everyone)):
        for row in session.execute(balance_sums().where(PointEntry.employee_id.in_(block))):
            sums[row[0]] = row[1:]
    return {emp_id: balance_row(person, sums.get(emp_id)) for emp_id, person in everyone.items()}


def leader_standings(session: Session, query: LeaderQuery) -> list[Standing]:
    """Everyone still employed who earned or lost points in the period, with their rank, in the asked order.

    Ranks are competition ranks of the points (1, 1, 3), the same whichever column the list is sorted by.
    """
    totals = (
        select(PointEntry.employee_id, func.sum(PointEntry.points).label("points"))
        .where(earned_only(), query.period.where())
        .group_by(PointEntry.employee_id)
        .subquery()
    )
    rank = func.rank().over(order_by=totals.c.points.desc())
    stmt = (
        select(Employee.id, rank, totals.c.points)
        .join(totals, totals.c.employee_id == Employee.id)
        .where(Employee.status != EmployeeStatus.LEFT)
    )
    column: Any = totals.c.points
    descending = query.descending
    if query.sort == "department":
        stmt = stmt.outerjoin(Department, Department.id == Employee.department_id)
        column = Department.path
    elif query.sort == "name":
        column = Employee.name
    elif query.sort == "employee_no":
        column = Employee.employee_no
    elif query.sort == "rank":
        descending = not descending  # rank 1 has the most points
    ordered = _ordered(stmt, column, descending, tie_descending=query.descending)
    return [Standing(emp, int(place), int(points)) for emp, place, points in session.execute(ordered)]


def leader_page(session: Session, standings: Sequence[Standing]) -> dict[int, LeaderRow]:
    """The rows of these places (one block of the leaderboard), by employee id."""
    everyone = _people(session, [s.employee_id for s in standings])
    return {
        s.employee_id: LeaderRow(
            s.rank, s.employee_id, person.employee_no, person.name, person.department, s.points
        )
        for s in standings
        if (person := everyone.get(s.employee_id)) is not None
    }
