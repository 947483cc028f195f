"""Roster import: the checks that need the database, then every row created or updated in one transaction."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.excel.employees import EMPLOYEE_SHEET, EmployeeParse, EmployeeRecord, check_record
from desktop_hr.excel.reader import CellError
from desktop_hr.models import Employee, Position
from desktop_hr.models.base import utcnow
from desktop_hr.services.archive.employees import EmployeeData, data_of, employee_columns
from desktop_hr.services.archive.organisation import (
    department_paths,
    ensure_department_paths,
    ensure_position,
)
from desktop_hr.services.imports import PROGRESS_EVERY, ImportRejected, ImportReport, Progress, chunks
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "reason.manager_row_skipped": (
            "直属上级所在的第 {row} 行有错误，未导入",
            "the manager's own row ({row}) has errors and is not imported",
        ),
        "reason.roster_unknown_department": (
            "没有这个部门{suggestion}。如确需新建，请确认新建部门（命令行加 --create-departments）",
            "no such department{suggestion}. To create it, confirm the new departments "
            "(--create-departments on the command line)",
        ),
        "reason.roster_department_suggestion": ("，是否指 {paths}？", "; did you mean {paths}?"),
        "reason.roster_ambiguous_department": (
            "有 {count} 个部门叫这个名字：{paths}，请写出完整路径",
            "{count} departments have this name: {paths}; write the full path",
        ),
        "import.new_departments": ("新建部门：{paths}", "New departments: {paths}"),
    }
)

_ALL_COLUMNS = frozenset(c.key for c in EMPLOYEE_SHEET.columns)
_EMPLOYEE = Employee.metadata.tables[Employee.__tablename__]


class _Archive:
    """What the import needs from the archive, loaded in a few queries rather than one per row."""

    def __init__(self, session: Session, numbers: set[str], file_paths: set[str]) -> None:
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
        self.departments = _Departments(
            {path: dept_id for dept_id, path in department_paths(session).items()}, file_paths
        )


class _Departments:
    """Which department a path in the roster means: the one at that full path; or the only one whose path ends
    with it (a bare 档案科 for 本部/档案科, 华南分部/销售部 for 总公司/华南分部/销售部); else a department the
    import would create, which it may only when the archive has no departments yet (the first roster builds
    the tree) or when the user confirmed creating it."""

    def __init__(self, ids: dict[str, int], file_paths: set[str]) -> None:
        self.ids = ids  # full path -> id, for the departments that exist (and those created by this import)
        self.tree_empty = not ids
        # The first roster builds the tree: its own full paths are what its bare names mean (a 财务部 row
        # beside 总公司/财务部 rows is 总公司/财务部, not a second company).
        self.planned = (
            {p for p in file_paths if not any(o.endswith("/" + p) for o in file_paths)} if not ids else set()
        )
        self.by_tail: dict[str, list[str]] = {}
        for path in [*ids, *sorted(self.planned)]:
            levels = path.split("/")
            for start in range(len(levels)):
                self.by_tail.setdefault("/".join(levels[start:]), []).append(path)
        self.new: set[str] = set()

    def meaning(self, path: str) -> tuple[str | None, str]:
        """The full path `path` names (None: a new department) and, for a refusal, the reason ("" if none)."""
        if path in self.ids or path in self.planned:
            return path, ""
        found = self.by_tail.get(path, [])
        if len(found) == 1:
            return found[0], ""
        if found:
            shown = "、".join(sorted(found)[:5])
            return None, messages.text("reason.roster_ambiguous_department", count=len(found), paths=shown)
        return None, ""

    def suggestion(self, path: str) -> str:
        """The closest existing paths: by the whole path (a typo such as 销售不 under its own branch), the few
        that are as close as the best; else by the last level alone (a department written under the wrong
        parent)."""
        paths = list(self.ids)
        scored = sorted(((difflib.SequenceMatcher(None, path, p).ratio(), p) for p in paths), reverse=True)
        close = (
            [p for ratio, p in scored[:3] if ratio >= 0.6 and ratio >= scored[0][0] - 0.05] if scored else []
        )
        if not close:
            last = path.rsplit("/", 1)[-1]
            names = {p.rsplit("/", 1)[-1] for p in paths}
            for name in difflib.get_close_matches(last, list(names), n=2, cutoff=0.5):
                close += [p for p in self.by_tail.get(name, []) if p not in close]
        if not close:
            return ""
        either = " or " if messages.language() == "en" else " 或 "
        return messages.text("reason.roster_department_suggestion", paths=either.join(close[:3]))


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


def _department_of(
    record: EmployeeRecord, archive: _Archive, checker: _Checker, *, create: bool
) -> tuple[int | None, str | None]:
    """The row's department id (None: none given, or one this import creates) and its full path."""
    path = record.department_path
    if not path or "department" not in record.columns:
        return None, None
    departments = archive.departments
    full, refusal = departments.meaning(path)
    if full is not None and full in departments.ids:
        return departments.ids[full], full
    if full is not None:  # planned by the first roster
        departments.new.add(full)
        return None, full
    if not refusal and (create or departments.tree_empty):
        departments.new.add(path)  # _write creates it and fills the id in
        return None, path
    reason = refusal or messages.text(
        "reason.roster_unknown_department", suggestion=departments.suggestion(path)
    )
    checker.add(record.row, "department", path, reason)
    return None, None


def _plan(parsed: EmployeeParse, archive: _Archive, checker: _Checker, *, create: bool) -> list[_Row]:
    rows: list[_Row] = []
    for read in parsed.records:
        if not read.employee_no:
            continue  # already reported as required
        existing = archive.employees.get(read.employee_no)
        before = data_of(existing) if existing is not None else None
        department_id, full_path = _department_of(read, archive, checker, create=create)
        record = read
        if full_path is not None and full_path != read.department_path:
            record = replace(read, department_path=full_path)  # 档案科 stands for 本部/档案科
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
    departments = archive.departments
    wanted = {r.record.department_path for r in rows if r.record.department_path}
    # The new departments level by level (a flush per level, not per department).
    departments.ids.update(ensure_department_paths(session, sorted(departments.new & wanted)))
    for name in sorted({r.after.position for r in rows if r.after.position}):
        if name not in archive.position_ids:
            archive.position_ids[name] = ensure_position(session, name)
    ids = dict(archive.ids)

    unchanged = 0
    now = utcnow()  # one time for the whole import: the column default would be called twice per row
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
            department_id = departments.ids[path]  # created just now: certainly a change
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
            values["created_at"] = values["updated_at"] = now
            values["version"] = 1  # named, as every other column: the guard's executemany path then applies
            inserts.append((values, after.manager_no))
        else:
            # A new version, as for an edit in the window: a dialog opened before the import cannot
            # save over it (services.employees.update_employee).
            values.update(id=row.existing.id, version=row.existing.version + 1)
            updates.append((values, after.manager_no))

    # Core statements for many rows at once: the ORM's unit of work writes employees one row at a time
    # (the self-referencing manager column), and even its bulk INSERT spends as long again building
    # each row's parameters. New employees go in by levels, managers first, so each row is written once
    # with its manager's id (loops were refused above).
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
        session.execute(insert(_EMPLOYEE), [values for values, _ in ready])
        # Only the ids later levels name as their manager are read back.
        managers = sorted({manager for _, manager in waiting if manager is not None and manager not in ids})
        for chunk in chunks(managers):
            found = session.execute(
                select(Employee.id, Employee.employee_no).where(Employee.employee_no.in_(chunk))
            )
            ids.update({no: new_id for new_id, no in found})
    if updates:
        for values, manager in updates:
            values["manager_id"] = ids[manager] if manager else None
        session.execute(update(Employee), [values for values, _ in updates])
    if progress is not None:
        progress(total, total)
    return len(inserts), len(updates), unchanged


def import_employees(
    uow: UnitOfWork,
    parsed: EmployeeParse,
    *,
    valid_only: bool = False,
    create_departments: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check the parsed roster against the archive, then create or update by 工号 in one transaction.

    Raises ImportRejected, writing nothing, when anything is wrong, unless `valid_only`: then the
    rows in error (and rows that depend on them) are skipped and listed in the report. A department the
    archive lacks is an error on its row (with the closest existing names) unless the archive has no
    departments yet or `create_departments`; the report lists the departments created.
    """
    require(uow.principal, Permission.IMPORT)
    if parsed.file_errors:
        # A missing required column: no row of the sheet can be trusted, whatever the user chose.
        raise ImportRejected(parsed.errors)
    with uow:
        session = uow.session
        archive = _Archive(
            session,
            {r.employee_no for r in parsed.records},
            {r.department_path for r in parsed.records if r.department_path},
        )
        checker = _Checker(parsed)
        rows = _plan(parsed, archive, checker, create=create_departments)
        _check_managers(rows, archive, checker, valid_only=valid_only)
        errors = sorted(checker.errors, key=lambda e: e.row)
        if errors and not valid_only:
            raise ImportRejected(errors, new_departments=_refused_new(parsed, archive, checker))
        importable = [r for r in rows if r.record.row not in checker.bad_rows]
        created, updated, unchanged = _write(session, archive, importable, progress)
        new_departments = sorted(archive.departments.new & {r.record.department_path for r in importable})
        uow.commit()
    return ImportReport(
        created=created,
        updated=updated,
        unchanged=unchanged,
        skipped_rows=sorted(r for r in checker.bad_rows if r > parsed.header_row),
        errors=errors,
        warnings=list(parsed.warnings),
        new_departments=new_departments,
    )


def _refused_new(parsed: EmployeeParse, archive: _Archive, checker: _Checker) -> list[str]:
    """The departments the user could confirm creating: those refused only because they do not exist."""
    refused = {(e.row, e.value) for e in checker.errors if e.column == parsed.header_of("department")}
    departments = archive.departments
    return sorted(
        {
            r.department_path
            for r in parsed.records
            if r.department_path
            and (r.row, r.department_path) in refused
            and departments.meaning(r.department_path) == (None, "")
        }
    )
