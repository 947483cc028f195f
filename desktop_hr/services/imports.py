"""Excel imports of every kind: validate the whole sheet, then write all rows (or only the valid ones) at once.

A kind supplies a RowImporter: `load` fetches what the rows refer to in a few queries, `plan` checks one
row and says what to write, `write` writes the planned rows. `import_rows` runs them with the rules every
import shares: all-or-nothing unless "valid rows only", errors as (row, column, value, reason), one
transaction, and a report of what was created, updated or left unchanged.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.errors import DomainError
from desktop_hr.excel.reader import CellError, SheetRead, SheetRow
from desktop_hr.models import Course, Employee, TrainingSession
from desktop_hr.services import bulk_work
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "import_rejected": (
            "文件中有 {count} 处错误，未写入任何数据：\n{details}",
            "The file has {count} error(s); nothing was written:\n{details}",
        ),
        "import.more_errors": ("……另有 {count} 处", "… and {count} more"),
        "import.summary": (
            "新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条，跳过 {skipped} 行",
            "{created} created, {updated} updated, {unchanged} unchanged, {skipped} row(s) skipped",
        ),
        "reason.unknown_employee_no": ("没有这个工号的员工", "no employee has this number"),
        "reason.unknown_session_code": ("没有这个班次编号", "no session has this code"),
        "reason.unknown_course_code": ("没有这个课程编号", "no course has this code"),
    }
)

Progress = Callable[[int, int], None]
T = TypeVar("T")
P = TypeVar("P")

SHOWN_ERRORS = 20  # in the rejection message; the window and the command line list them all from .errors
PROGRESS_EVERY = 500
QUERY_CHUNK = 900  # values per IN (...): under SQLite's bound-parameter limit on old builds too


class ImportRejected(DomainError):
    """The file has errors and the user did not ask for the valid rows only: nothing was written."""

    code = "import_rejected"

    def __init__(self, errors: list[CellError], *, new_departments: list[str] | None = None) -> None:
        self.errors = errors
        # Roster imports: departments the archive lacks that the user may confirm creating.
        self.new_departments = new_departments or []
        lines = [e.describe() for e in errors[:SHOWN_ERRORS]]
        if len(errors) > SHOWN_ERRORS:
            lines.append(messages.text("import.more_errors", count=len(errors) - SHOWN_ERRORS))
        super().__init__(count=len(errors), details="\n".join(lines))


@dataclass(frozen=True)
class ImportReport:
    """What the import did; `errors` lists why the `skipped_rows` were left out (valid rows only)."""

    created: int
    updated: int
    unchanged: int
    skipped_rows: list[int] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)  # roster imports: the departments created

    def summary(self) -> str:
        return messages.text(
            "import.summary",
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            skipped=len(self.skipped_rows),
        )


@dataclass(frozen=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def chunks(values: Sequence[T]) -> Iterator[Sequence[T]]:
    """`values` in slices small enough for one IN (...) list."""
    for start in range(0, len(values), QUERY_CHUNK):
        yield values[start : start + QUERY_CHUNK]


def ids_by_key(session: Session, key_column: Any, id_column: Any, keys: Iterable[str]) -> dict[str, int]:
    """{key: id} for the given keys that exist, in a few IN (...) queries rather than one per row."""
    wanted = sorted({k for k in keys if k})
    found: dict[str, int] = {}
    for part in chunks(wanted):
        found.update(
            (str(key), int(row_id))
            for key, row_id in session.execute(select(key_column, id_column).where(key_column.in_(part)))
        )
    return found


def employee_ids_by_no(session: Session, numbers: Iterable[str]) -> dict[str, int]:
    return ids_by_key(session, Employee.employee_no, Employee.id, numbers)


def session_ids_by_code(session: Session, codes: Iterable[str]) -> dict[str, int]:
    return ids_by_key(session, TrainingSession.code, TrainingSession.id, codes)


def course_ids_by_code(session: Session, codes: Iterable[str]) -> dict[str, int]:
    return ids_by_key(session, Course.code, Course.id, codes)


class RowProblems:
    """Collects at most one error per cell, on top of those the reader found in the file."""

    def __init__(self, read: SheetRead) -> None:
        self.read = read
        self.errors = list(read.errors)
        self.bad_rows = {e.row for e in self.errors if e.row > read.header_row}
        self._taken = {(e.row, e.column) for e in self.errors}

    def add(self, row: SheetRow, key: str, reason: str, value: str | None = None) -> None:
        """Report `reason` for column `key` of `row`; the value quoted is the cell as written unless given."""
        column = self.read.header_of(key)
        if (row.row, column) in self._taken:
            return
        self._taken.add((row.row, column))
        shown = row.shown(key) if value is None else value
        self.errors.append(CellError(self.read.sheet, row.row, column, shown, reason))
        self.bad_rows.add(row.row)

    def has_errors(self, row: SheetRow) -> bool:
        return row.row in self.bad_rows


def with_progress(plans: Sequence[T], progress: Progress | None) -> Iterator[T]:
    """The plans one by one, telling `progress` after every PROGRESS_EVERY of them and once at the end."""
    for done, plan in enumerate(plans, start=1):
        yield plan
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(plans))
    if progress is not None:
        progress(len(plans), len(plans))


def known_id(row: SheetRow, problems: RowProblems, key: str, ids: dict[str, int], reason: str) -> int | None:
    """The id the row's `key` cell names (None when blank); a row error `reason` (a message code) when unknown."""
    value = row.values.get(key)
    found = ids.get(value) if value else None
    if value and found is None:
        problems.add(row, key, messages.text(reason))
    return found


@dataclass(frozen=True)
class SessionPersonKeys:
    """The sessions and people a sheet's 班次编号 and 工号 columns name, fetched in two rounds of queries."""

    sessions: dict[str, int]  # session code -> id
    people: dict[str, int]  # 工号 -> employee id

    @classmethod
    def load(cls, session: Session, rows: list[SheetRow]) -> SessionPersonKeys:
        return cls(
            session_ids_by_code(session, (r.values.get("session_code") or "" for r in rows)),
            employee_ids_by_no(session, (r.values.get("employee_no") or "" for r in rows)),
        )

    def lookup(self, row: SheetRow, problems: RowProblems) -> tuple[int | None, int | None]:
        """(session id, employee id) the row names, each None when blank or unknown (with a row error)."""
        return (
            known_id(row, problems, "session_code", self.sessions, "reason.unknown_session_code"),
            known_id(row, problems, "employee_no", self.people, "reason.unknown_employee_no"),
        )

    def ids(self, row: SheetRow, problems: RowProblems) -> tuple[int, int] | None:
        """(session id, employee id), or None when the row does not name a known session and person."""
        session_id, employee_id = self.lookup(row, problems)
        if session_id is None or employee_id is None:
            return None
        return session_id, employee_id


def rows_of_sessions(session: Session, model: Any, session_ids: Iterable[int]) -> Iterator[Any]:
    """Every `model` row (a table with a session_id) of these sessions, in a few IN (...) queries."""
    for part in chunks(sorted(set(session_ids))):
        yield from session.scalars(select(model).where(model.session_id.in_(part)))


@dataclass(frozen=True)
class KeyedValues:
    """What an import writes for one row: the row's key and the column values the file has."""

    key: Any
    values: dict[str, Any]


def write_keyed(
    session: Session,
    existing: dict[Any, Any],
    plans: list[KeyedValues],
    new: Callable[[Any], Any],
    progress: Progress | None,
) -> Counts:
    """Apply each plan to the row `existing` holds under its key, or to `new(key)`; count what changed."""
    created = updated = unchanged = 0
    for plan in with_progress(plans, progress):
        current = existing.get(plan.key)
        if current is None:
            current = existing[plan.key] = new(plan.key)
            session.add(current)
            created += 1
        elif all(getattr(current, key) == value for key, value in plan.values.items()):
            unchanged += 1
        else:
            updated += 1
        for key, value in plan.values.items():
            setattr(current, key, value)  # the same value again marks nothing dirty
    session.flush()
    return Counts(created, updated, unchanged)


class RowImporter(ABC, Generic[P]):
    """One kind's database rules. Values in `row.values` are already cleaned and typed by the reader;
    a required value that is None was reported by the reader, so `plan` just returns None for it."""

    @abstractmethod
    def load(self, session: Session, rows: list[SheetRow]) -> None:
        """Fetch what the rows refer to (employees by 工号, sessions by code, existing rows by key)."""

    @abstractmethod
    def plan(self, row: SheetRow, problems: RowProblems) -> P | None:
        """Check one row against the database; report problems and return None, or return what to write."""

    @abstractmethod
    def write(self, session: Session, plans: list[P], progress: Progress | None) -> Counts:
        """Write the planned rows (valid ones only) and count what was created, updated, unchanged."""

    def warnings(self) -> list[str]:
        """Notes for the report once written (e.g. how many people an attendance file enrolled)."""
        return []


def import_rows(
    uow: UnitOfWork,
    read: SheetRead,
    importer: RowImporter[P],
    *,
    valid_only: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row of `read`, then write in one transaction; ImportRejected (nothing written) on any error
    unless `valid_only`, when the rows in error are skipped and listed in the report."""
    require(uow.principal, Permission.IMPORT)
    if any(e.row <= read.header_row for e in read.errors):
        # A missing required column: no row of the sheet can be trusted, whatever the user chose.
        raise ImportRejected(read.errors)
    with uow, bulk_work.fewer_collections():
        session = uow.session
        importer.load(session, read.rows)
        problems = RowProblems(read)
        plans: list[tuple[int, P]] = []
        for row in read.rows:
            planned = importer.plan(row, problems)
            if planned is not None:
                plans.append((row.row, planned))
        errors = sorted(problems.errors, key=lambda e: e.row)
        if errors and not valid_only:
            raise ImportRejected(errors)
        valid = [planned for row_number, planned in plans if row_number not in problems.bad_rows]
        del plans  # a hundred thousand pairs, not needed while writing
        counts = importer.write(session, valid, progress)
        uow.commit()
    return ImportReport(
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        skipped_rows=sorted(problems.bad_rows),
        errors=errors,
        warnings=[*read.warnings, *importer.warnings()],
    )
