"""Roster import: the checks that need the database, then every row created or updated in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.excel.employees import EMPLOYEE_SHEET, EmployeeParse, EmployeeRecord, check_record
from desktop_hr.excel.reader import CellError
from desktop_hr.models import Employee, Position
from desktop_hr.services.archive.employees import EmployeeData, data_of, employee_columns
from desktop_hr.services.archive.organisation import department_paths, ensure_department_path, ensure_position
from desktop_hr.services.imports import PROGRESS_EVERY, ImportRejected, ImportReport, Progress, chunks

messages.define(
    {
        "reason.manager_row_skipped": (
            "直属上级所在的第 {row} 行有错误，未导入",
            "the manager's own row ({row}) has errors and is not imported",
        ),
    }
)

_ALL_COLUMNS = frozenset(c.key for c in EMPLOYEE_SHEET.columns)


class _Archive:
    """What the import needs from the archive, loaded in a few queries rather than one per row."""

    def __init__(self, session: Session, numbers: set[str]) -> None:
        rows = session.execute(select(Employee.id, Employee.employee_no, Employee.manager_id)).all()
        self.ids: dict[str, int] = {no: employee_id for employee_id, no, _ in rows}
        no_by_id = {employee_id: no for employee_id, no, _ in rows}
        self.manager_of: dict[str, str | None] = {
            no: no_by_id[manager_id] if manager_id is not None else None for _, no, manager_id in rows
        }
        # Mapped objects only for the people in the file and their managers, and every position:
        # kept here so data_of() finds .position and .manager in the identity map instead of querying.
        self._positions = list(session.scalars(select(Position)))
        self.position_ids = {p.name: p.id for p in self._positions}
        self.employees: dict[str, Employee] = {}
        for chunk in chunks(sorted(numbers & self.ids.keys())):
            # Locked until the import commits (PostgreSQL; SQLite has one writer at a time), in 工号
            # order so that two imports never wait on each other in a circle: a clerk's edit saved
            # meanwhile is what the file is compared with, never overwritten unseen.
            locked = (
                select(Employee)
                .where(Employee.employee_no.in_(chunk))
                .order_by(Employee.employee_no)
                .with_for_update()
            )
            self.employees.update((e.employee_no, e) for e in session.scalars(locked))
        loaded = {e.id for e in self.employees.values()}
        managers = sorted(
            {e.manager_id for e in self.employees.values() if e.manager_id is not None} - loaded
        )
        self._managers = [
            m
            for chunk in chunks(managers)
            for m in session.scalars(select(Employee).where(Employee.id.in_(chunk)))
        ]
        self.department_ids = {path: dept_id for dept_id, path in department_paths(session).items()}


@dataclass
class _Row:
    record: EmployeeRecord
    existing: Employee | None
    before: EmployeeData | None
    after: EmployeeData  # department_id is None for a department this import has yet to create


class _Checker:
    """Collects one error per cell, on top of those found in the file."""

    def __init__(self, parsed: EmployeeParse) -> None:
        self.parsed = parsed
        self.errors = list(parsed.errors)
        self.bad_rows = set(parsed.error_rows)
        self._taken = {(e.row, e.column) for e in self.errors}

    def add(self, row: int, key: str, value: str, reason: str) -> bool:
        column = self.parsed.header_of(key)
        if (row, column) in self._taken:
            return False
        self._taken.add((row, column))
        self.errors.append(CellError(self.parsed.sheet, row, column, value, reason))
        self.bad_rows.add(row)
        return True


def _plan(parsed: EmployeeParse, archive: _Archive, checker: _Checker) -> list[_Row]:
    rows: list[_Row] = []
    for record in parsed.records:
        if not record.employee_no:
            continue  # already reported as required
        existing = archive.employees.get(record.employee_no)
        before = data_of(existing) if existing is not None else None
        # A path new to the archive has no id yet; _write creates it and fills the id in.
        department_id = archive.department_ids.get(record.department_path or "")
        after = record.to_data(before, department_id)
        if before is not None and parsed.columns != _ALL_COLUMNS:
            # The file's columns merged onto the archive's: a new hire date may now precede the stored
            # birth date, which the file alone could not show.
            for key, reason in check_record(record, before):
                value = getattr(after, key, None)
                checker.add(record.row, key, "" if value is None else str(value), reason)
        rows.append(_Row(record, existing, before, after))
    return rows


def _check_managers(rows: list[_Row], archive: _Archive, checker: _Checker, *, valid_only: bool) -> None:
    """Managers must exist in the file or the archive, and nobody may end up reporting to themself.

    With "valid rows only", a row whose manager's row is skipped is skipped too; that can cascade,
    so check again until nothing new falls out.
    """
    first_row: dict[str, int] = {}
    for row in rows:
        first_row.setdefault(row.record.employee_no, row.record.row)
    while True:
        live = [r for r in rows if r.record.row not in checker.bad_rows] if valid_only else rows
        in_file = {r.record.employee_no for r in live}
        found_new = False
        for row in live:
            manager = row.after.manager_no
            if not manager or manager in in_file or manager in archive.ids:
                continue
            reason = (
                messages.text("reason.manager_row_skipped", row=first_row[manager])
                if manager in first_row
                else messages.text("reason.unknown_manager")
            )
            found_new |= checker.add(row.record.row, "manager_no", manager, reason)
        final = dict(archive.manager_of)
        final.update({r.record.employee_no: r.after.manager_no for r in live})
        for row in _rows_in_loops(live, final):
            found_new |= checker.add(
                row.record.row,
                "manager_no",
                row.after.manager_no or "",
                messages.text("reason.manager_cycle"),
            )
        if not (valid_only and found_new):
            return


def _rows_in_loops(rows: Iterable[_Row], manager_of: dict[str, str | None]) -> list[_Row]:
    """Rows whose employee sits on a reporting loop (A reports to B reports to A), in one pass."""
    state: dict[str, int] = {}  # 1: being walked, 2: done
    in_loop: set[str] = set()
    for start in manager_of:
        path: list[str] = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = manager_of.get(node)
        if node is not None and state.get(node) == 1:
            in_loop.update(path[path.index(node) :])
        for walked in path:
            state[walked] = 2
    return [r for r in rows if r.record.employee_no in in_loop]


def _write(
    session: Session, archive: _Archive, rows: list[_Row], progress: Progress | None
) -> tuple[int, int, int]:
    for new_path in sorted({r.record.department_path for r in rows if r.record.department_path}):
        if new_path not in archive.department_ids:
            archive.department_ids[new_path] = ensure_department_path(session, new_path)
    for name in sorted({r.after.position for r in rows if r.after.position}):
        if name not in archive.position_ids:
            archive.position_ids[name] = ensure_position(session, name)
    ids = dict(archive.ids)

    unchanged = 0
    inserts: list[tuple[dict[str, Any], str | None]] = []  # values, and the manager's 工号 when set
    updates: list[tuple[dict[str, Any], str | None]] = []
    total = len(rows)
    for index, row in enumerate(rows, start=1):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index, total)
        after = row.after
        department_id = after.department_id
        path = row.record.department_path
        if "department" in row.record.columns and path and department_id is None:
            department_id = archive.department_ids[path]  # created just now: certainly a change
        elif after == row.before:
            unchanged += 1
            continue
        values = employee_columns(
            after,
            department_id=department_id,
            position_id=archive.position_ids[after.position] if after.position else None,
            manager_id=None,
        )
        if row.existing is None:
            inserts.append((values, after.manager_no))
        else:
            # A new version, as for an edit in the window: a dialog opened before the import cannot
            # save over it (services.employees.update_employee).
            values.update(id=row.existing.id, version=row.existing.version + 1)
            updates.append((values, after.manager_no))

    # Statements for many rows at once rather than the ORM's unit of work, whose self-referencing
    # manager column makes it write employees one row at a time. New employees go in by levels,
    # managers first, so each row is written once with its manager's id (loops were refused above).
    waiting = inserts
    while waiting:
        ready = [(values, manager) for values, manager in waiting if manager is None or manager in ids]
        if not ready:
            raise AssertionError("a reporting loop got past the checks")
        waiting = [
            (values, manager) for values, manager in waiting if not (manager is None or manager in ids)
        ]
        for values, manager in ready:
            values["manager_id"] = ids[manager] if manager else None
        created = session.execute(
            insert(Employee).returning(Employee.id, Employee.employee_no),
            [values for values, _ in ready],
            # Blanks as NULL, not left out: every row then has the same columns and goes in one batch
            # (otherwise each pattern of blanks is its own batch, and the results are spliced row by row).
            execution_options={"render_nulls": True},
        )
        ids.update({no: new_id for new_id, no in created})
    if updates:
        for values, manager in updates:
            values["manager_id"] = ids[manager] if manager else None
        session.execute(update(Employee), [values for values, _ in updates])
    if progress is not None:
        progress(total, total)
    return len(inserts), len(updates), unchanged


def import_employees(
    uow: UnitOfWork, parsed: EmployeeParse, *, valid_only: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Check the parsed roster against the archive, then create or update by 工号 in one transaction.

    Raises ImportRejected, writing nothing, when anything is wrong, unless `valid_only`: then the
    rows in error (and rows that depend on them) are skipped and listed in the report.
    """
    if parsed.file_errors:
        # A missing required column: no row of the sheet can be trusted, whatever the user chose.
        raise ImportRejected(parsed.errors)
    with uow:
        session = uow.session
        archive = _Archive(session, {r.employee_no for r in parsed.records})
        checker = _Checker(parsed)
        rows = _plan(parsed, archive, checker)
        _check_managers(rows, archive, checker, valid_only=valid_only)
        errors = sorted(checker.errors, key=lambda e: e.row)
        if errors and not valid_only:
            raise ImportRejected(errors)
        importable = [r for r in rows if r.record.row not in checker.bad_rows]
        created, updated, unchanged = _write(session, archive, importable, progress)
        uow.commit()
    return ImportReport(
        created=created,
        updated=updated,
        unchanged=unchanged,
        skipped_rows=sorted(r for r in checker.bad_rows if r > parsed.header_row),
        errors=errors,
        warnings=list(parsed.warnings),
    )
