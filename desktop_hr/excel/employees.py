"""The employees exchange format (花名册): its columns, reading a roster, exporting the table, the empty template."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.errors import InvalidField
from desktop_hr.excel import writer
from desktop_hr.excel.reader import CellError, SheetRow, read_sheet
from desktop_hr.excel.spec import Cancelled, CellType, ColumnSpec, Progress, SheetSpec, enum_column
from desktop_hr.excel.writer import CellValue
from desktop_hr.models import EmployeeStatus, Gender, PersonnelCategory, Rank
from desktop_hr.services.archive.employees import (
    FIELD_LABELS,
    EmployeeData,
    EmployeeQuery,
    EmployeeRow,
    FieldError,
    employee_ids,
    employee_rows,
    field_problems,
    validate,
)
from desktop_hr.services.archive.organisation import department_paths, split_department_path
from desktop_hr.services.labels import FORMAT_LANGUAGE, label

messages.define(
    {
        "excel.note.department": (
            "部门路径，用 / 分隔上下级，如 总公司/华东分部/销售部；也可只写唯一的部门名称",
            "Department path with / between levels, e.g. 总公司/华东分部/销售部, or a name that only one department has",
        ),
        "excel.note.status": ("空白表示在职", "Blank means 在职 (active)"),
        "excel.note.leave_date": ("只有离职人员填写", "Only for employees who left"),
        "excel.note.manager": (
            "直属上级的工号，须在本文件或系统中",
            "Employee no. of the direct manager, who must be in this file or already in the archive",
        ),
    }
)

POSITION_MAX = 100
TITLE_MAX = 50
EXPORT_CHUNK = 900  # ids per query: under SQLite's bound-parameter limit on old builds too


def _header(key: str) -> str:
    return FIELD_LABELS[key][0]


def _enum_column(
    key: str, cls: type[enum.Enum], synonyms: tuple[str, ...], note: str | None = None
) -> ColumnSpec:
    return enum_column(key, _header(key), cls, synonyms, note=note)


EMPLOYEE_SHEET = SheetSpec(
    kind="employees",
    title="员工",
    columns=(
        ColumnSpec(
            "employee_no",
            _header("employee_no"),
            ("员工编号", "职工号", "人员编号", "Employee No"),
            CellType.CODE,
            True,
        ),
        ColumnSpec("name", _header("name"), ("员工姓名", "Name"), CellType.TEXT, True),
        _enum_column("gender", Gender, ("Gender",)),
        ColumnSpec("birth_date", _header("birth_date"), ("Birth Date",), CellType.DATE),
        ColumnSpec(
            "id_card_no", _header("id_card_no"), ("身份证号码", "证件号码", "ID Number"), CellType.CODE
        ),
        ColumnSpec("phone", _header("phone"), ("手机号", "联系电话", "电话", "Phone"), CellType.CODE),
        ColumnSpec(
            "department",
            _header("department"),
            ("所属部门", "部门名称", "Department"),
            CellType.TEXT,
            note="excel.note.department",
        ),
        ColumnSpec(
            "position",
            _header("position"),
            ("岗位名称", "职位", "Position"),
            CellType.TEXT,
            max_length=POSITION_MAX,
        ),
        _enum_column("rank", Rank, ("Rank",)),
        _enum_column("category", PersonnelCategory, ("Category",)),
        ColumnSpec("title", _header("title"), ("Title",), CellType.TEXT, max_length=TITLE_MAX),
        ColumnSpec(
            "hire_date", _header("hire_date"), ("入职时间", "参加工作时间", "Hire Date"), CellType.DATE
        ),
        _enum_column("status", EmployeeStatus, ("在职状态", "人员状态", "Status"), note="excel.note.status"),
        ColumnSpec(
            "leave_date", _header("leave_date"), ("Leave Date",), CellType.DATE, note="excel.note.leave_date"
        ),
        ColumnSpec(
            "manager_no", _header("manager_no"), ("Manager No",), CellType.CODE, note="excel.note.manager"
        ),
    ),
    key=("employee_no",),
)

# Record fields copied onto EmployeeData as they are when their column is in the file.
_PLAIN_FIELDS = (
    "gender",
    "birth_date",
    "id_card_no",
    "phone",
    "position",
    "rank",
    "category",
    "title",
    "hire_date",
    "leave_date",
    "manager_no",
)


@dataclass(frozen=True)
class EmployeeRecord:
    """One roster row as read: EmployeeData's values, with the department as a path and `columns` the file had."""

    row: int
    employee_no: str
    name: str
    columns: frozenset[str]
    gender: Gender | None = None
    birth_date: date | None = None
    id_card_no: str | None = None
    phone: str | None = None
    department_path: str | None = None  # normalised "总公司/华东分部/销售部"
    position: str | None = None
    rank: Rank | None = None
    category: PersonnelCategory | None = None
    title: str | None = None
    hire_date: date | None = None
    status: EmployeeStatus | None = None  # blank: keep the archive's status (a new employee is 在职)
    leave_date: date | None = None
    manager_no: str | None = None

    def to_data(self, base: EmployeeData | None = None, department_id: int | None = None) -> EmployeeData:
        """The employee after this row is applied to `base` (None: a new employee).

        Only the file's columns change anything, so a roster without, say, 直属上级工号 keeps the
        managers set in the window. `department_id` is the id of `department_path` (used when the
        file has a 部门 column).
        """
        # Built in one go (not dataclasses.replace per field): this runs twice per row of a 50,000-row file.
        values: dict[str, Any] = dict(vars(base)) if base is not None else {}
        values["employee_no"] = self.employee_no
        values["name"] = self.name
        for key in _PLAIN_FIELDS:
            if key in self.columns:
                values[key] = getattr(self, key)
        if "department" in self.columns:
            values["department_id"] = department_id
        if self.status is not None:
            values["status"] = self.status
        if values.get("status") is not EmployeeStatus.LEFT and "leave_date" not in self.columns:
            # Rehired by a file without a 离职日期 column: the old leave date would break the archive's rule.
            values["leave_date"] = None
        return EmployeeData(**values)


@dataclass
class EmployeeParse:
    """A roster read and checked without the database: every row, and every problem found in the file."""

    sheet: str
    header_row: int
    row_count: int
    records: list[EmployeeRecord]  # every data row, those in error too (their bad cells are None)
    errors: list[CellError]
    warnings: list[str]
    headers: dict[str, str]  # column key -> header as written in the file
    # Set when the user confirmed creating the departments the archive lacks (window or --create-departments).
    create_departments: bool = False

    @property
    def columns(self) -> frozenset[str]:
        return frozenset(self.headers)

    def header_of(self, key: str) -> str:
        return self.headers.get(key) or EMPLOYEE_SHEET.column(key).header

    @property
    def error_rows(self) -> set[int]:
        return {e.row for e in self.errors if e.row > self.header_row}

    @property
    def file_errors(self) -> list[CellError]:
        """Problems with the sheet as a whole (a missing column): no row of it can be trusted."""
        return [e for e in self.errors if e.row <= self.header_row]


def _record(
    row: SheetRow,
    columns: frozenset[str],
    errors: list[tuple[str, str, str]],
    paths: dict[str, tuple[str | None, str | None]],
) -> EmployeeRecord:
    # The reader gives text and code columns as non-blank str or None: `or None` is all the cleaning left.
    v = row.values
    path = v.get("department") or None
    if path is not None:
        # A roster names a few dozen departments over thousands of rows: each is split once.
        known = paths.get(path)
        if known is None:
            try:
                known = ("/".join(split_department_path(path)), None)
            except InvalidField as exc:
                known = (None, str(exc.params["reason"]))
            paths[path] = known
        path, reason = known
        if reason is not None:
            errors.append(("department", row.shown("department"), reason))
    id_card = v.get("id_card_no")
    return EmployeeRecord(
        row.row,
        v.get("employee_no") or "",
        v.get("name") or "",
        columns,
        v.get("gender"),
        v.get("birth_date"),
        id_card.upper() if id_card else None,
        v.get("phone") or None,
        path,
        v.get("position") or None,
        v.get("rank"),
        v.get("category"),
        v.get("title") or None,
        v.get("hire_date"),
        v.get("status"),
        v.get("leave_date"),
        v.get("manager_no") or None,
    )


def check_record(record: EmployeeRecord, base: EmployeeData | None = None) -> list[tuple[str, str]]:
    """employees.validate() on the row applied to `base`: (field key, reason) for each problem."""
    data = record.to_data(base, None)
    if base is None and "status" not in record.columns and data.leave_date is not None:
        # A file with 离职日期 but no 状态 column: whether the person left is the archive's to say,
        # checked again against it on import; here assume they did.
        data = replace(data, status=EmployeeStatus.LEFT)
    return [(problem.field, problem.reason) for problem in validate(data)]


def _new_row_problems(record: EmployeeRecord, today: date) -> list[FieldError]:
    """check_record(record) for a row read by parse_employees, without building its EmployeeData.

    Such a record holds None for every column the file lacks, so it has the very values to_data(None)
    would give, but for the status: blank is 在职, or 离职 when the file has 离职日期 but no 状态 column.
    """
    status = record.status
    if status is None:
        left = "status" not in record.columns and record.leave_date is not None
        status = EmployeeStatus.LEFT if left else EmployeeStatus.ACTIVE
    return field_problems(record, status, today)


def parse_employees(
    path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> EmployeeParse:
    """Read and check a roster (any layout the format tolerates); nothing touches the database."""
    read = read_sheet(Path(path), EMPLOYEE_SHEET, progress=progress, cancelled=cancelled)
    errors = list(read.errors)
    # One problem per cell is enough: a blank 姓名 is "required" once, not again from validate().
    taken = {(e.row, e.column) for e in errors}
    records: list[EmployeeRecord] = []
    columns = read.columns

    def add(row: SheetRow, key: str, value: str, reason: str) -> None:
        column = read.header_of(key)
        if (row.row, column) not in taken:
            taken.add((row.row, column))
            errors.append(CellError(read.sheet, row.row, column, value, reason))

    paths: dict[str, tuple[str | None, str | None]] = {}
    today = date.today()
    for row in read.rows:
        problems: list[tuple[str, str, str]] = []
        record = _record(row, columns, problems, paths)
        records.append(record)
        for key, value, reason in problems:
            add(row, key, value, reason)
        for problem in _new_row_problems(record, today):
            add(row, problem.field, row.shown(problem.field), problem.reason)
    errors.sort(key=lambda e: e.row)  # stable: within a row, reading problems stay before rule problems
    return EmployeeParse(
        sheet=read.sheet,
        header_row=read.header_row,
        row_count=len(read.rows),
        records=records,
        errors=errors,
        warnings=read.warnings,
        headers=dict(read.headers),
    )


# ---- export and template -----------------------------------------------------------------------


def _export_row(row: EmployeeRow) -> list[CellValue]:
    def zh(member: enum.Enum | None) -> str | None:
        return label(member, FORMAT_LANGUAGE) if member is not None else None

    values: dict[str, CellValue] = {
        "employee_no": row.employee_no,
        "name": row.name,
        "gender": zh(row.gender),
        "birth_date": row.birth_date,
        "id_card_no": row.id_card_no or None,
        "phone": row.phone or None,
        "department": row.department or None,
        "position": row.position or None,
        "rank": zh(row.rank),
        "category": zh(row.category),
        "title": row.title or None,
        "hire_date": row.hire_date,
        "status": zh(row.status),
        "leave_date": row.leave_date,
        "manager_no": row.manager_no or None,
    }
    return [values[column.key] for column in EMPLOYEE_SHEET.columns]


def export_employees(
    session: Session, query: EmployeeQuery, path: Path, progress: Progress | None = None
) -> int:
    """The filtered, sorted table in the import format (re-importable as is); returns the rows written."""
    ids = employee_ids(session, query)
    paths = department_paths(session)

    def rows() -> Iterator[list[CellValue]]:
        for start in range(0, len(ids), EXPORT_CHUNK):
            for row in employee_rows(session, ids[start : start + EXPORT_CHUNK], paths):
                yield _export_row(row)

    return writer.write_sheet(path, EMPLOYEE_SHEET, rows(), total=len(ids), progress=progress)


def write_template(path: Path) -> None:
    """The empty employees sheet clerks fill in: canonical headers, hints, drop-downs."""
    writer.write_template(Path(path), EMPLOYEE_SHEET)
