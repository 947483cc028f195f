"""Importing rosters into the archive: what is created, updated or refused, and that a refusal writes nothing."""

from __future__ import annotations

import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import event, func, inspect, select
from workbooks import book, id_number

from desktop_hr.db import Database, read_only
from desktop_hr.excel.employees import export_employees, parse_employees, write_template
from desktop_hr.excel.formats import HtmlTable
from desktop_hr.excel.reader import HeaderNotFound
from desktop_hr.excel.workbook import NotASpreadsheet, SpreadsheetRejected, WorkbookDamaged
from desktop_hr.models import Department, DepartmentKind, Employee, EmployeeStatus, Gender, Rank, TrainerLevel
from desktop_hr.services.archive.employees import (
    EmployeeData,
    EmployeeQuery,
    EmployeeRow,
    apply_data,
    create_employee,
    employee_columns,
    employee_ids,
    employee_rows,
    find_by_no,
    get_employee,
)
from desktop_hr.services.archive.organisation import department_tree
from desktop_hr.services.archive.roster_import import import_employees
from desktop_hr.services.imports import ImportRejected


def snapshot(db: Database) -> tuple[list[EmployeeRow], int]:
    """Everything the employees table shows, and the number of departments."""
    with read_only(db) as session:
        rows = employee_rows(session, employee_ids(session, EmployeeQuery()))
        departments = session.scalar(select(func.count()).select_from(Department)) or 0
    return rows, departments


def employee(db: Database, no: str) -> EmployeeData:
    with read_only(db) as session:
        employee_id = find_by_no(session, no)
        assert employee_id is not None, no
        return get_employee(session, employee_id)


def count(db: Database) -> int:
    with read_only(db) as session:
        return session.scalar(select(func.count()).select_from(Employee)) or 0


def import_file(db: Database, path: Path, **options: Any) -> Any:
    return import_employees(db.uow(), parse_employees(path), **options)


# ---- the sample roster --------------------------------------------------------------------------


def test_the_sample_roster_imports_120_employees(db: Database, sample_roster: Path) -> None:
    report = import_file(db, sample_roster)
    assert (report.created, report.updated, report.unchanged) == (120, 0, 0)
    assert report.skipped_rows == [] and report.errors == []
    first = employee(db, "00001")  # leading zeros kept
    assert first.name == "杜凤勇"  # leading space and trailing U+3000 trimmed
    assert first.hire_date == date(2023, 6, 3)  # written 2023年6月3日
    assert employee(db, "00007").status is EmployeeStatus.LEFT  # 离职 without a leave date
    assert employee(db, "00007").leave_date is None
    with read_only(db) as session:
        tree = {node.path_names: node for node in department_tree(session)}
    assert tree["总公司"].kind is DepartmentKind.COMPANY
    assert tree["总公司/华南分部"].kind is DepartmentKind.BRANCH
    assert tree["总公司/华南分部/销售部"].kind is DepartmentKind.DEPARTMENT
    assert tree["总公司/技术部"].kind is DepartmentKind.DEPARTMENT
    assert first.department_id == tree["总公司/华南分部/销售部"].id

    again = import_file(db, sample_roster)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 120)
    assert again.summary() == "新增 0 条，更新 0 条，未变 120 条，跳过 0 行"


def test_changing_one_phone_updates_one_employee(db: Database, sample_roster: Path, tmp_path: Path) -> None:
    import_file(db, sample_roster)
    workbook = openpyxl.load_workbook(sample_roster)
    sheet = workbook.active
    assert sheet is not None
    assert sheet["B9"].value == "00006" and sheet["K3"].value == "手机"
    sheet["K9"] = "13900000006"
    edited = tmp_path / "花名册_改.xlsx"
    workbook.save(edited)
    report = import_file(db, edited)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 119)
    assert employee(db, "00006").phone == "13900000006"
    assert employee(db, "00006").name == "夏兰琴"


def test_export_then_import_changes_nothing(db: Database, sample_roster: Path, tmp_path: Path) -> None:
    import_file(db, sample_roster)
    create_employee(
        db.uow(),
        EmployeeData(employee_no="F001", name='=HYPERLINK("http://x","y")', title="+1", manager_no="00001"),
    )
    before = snapshot(db)
    out = tmp_path / "导出.xlsx"
    with read_only(db) as session:
        assert export_employees(session, EmployeeQuery(), out) == 121
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    report = import_file(db, out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 121)
    assert snapshot(db) == before
    formula = employee(db, "F001")
    assert (formula.name, formula.title, formula.manager_no) == ('=HYPERLINK("http://x","y")', "+1", "00001")


# ---- other layouts and partial rosters ----------------------------------------------------------


def test_a_roster_laid_out_differently_imports(db: Database, tmp_path: Path) -> None:
    path = book(
        tmp_path / "名单.xlsx",
        [
            ["人员名单（内部）"],
            ["所属部门", "姓 名", "员工编号", "入职时间", "联系电话", "Ｐｏｓｉｔｉｏｎ", "爱好"],
            ["总公司/华东分部/市场部", " 张三", 1001.0, "2021/3/5", 13800138000.0, "市场专员", "羽毛球"],
            ["总公司/华东分部/市场部", "李四", 1002.0, "2021.3.6", None, "市场专员", None],
            [None, None, None, None, None, None, None],
            ["总计", "2人", None, None, None, None, None],
        ],
    )
    report = import_file(db, path)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert len(report.warnings) == 1 and "爱好" in report.warnings[0]
    zhang = employee(db, "1001")
    assert (zhang.name, zhang.phone, zhang.position) == ("张三", "13800138000", "市场专员")
    assert zhang.hire_date == date(2021, 3, 5)
    assert employee(db, "1002").hire_date == date(2021, 3, 6)
    with read_only(db) as session:
        kinds = {node.path_names: node.kind for node in department_tree(session)}
    assert kinds == {
        "总公司": DepartmentKind.COMPANY,
        "总公司/华东分部": DepartmentKind.BRANCH,
        "总公司/华东分部/市场部": DepartmentKind.DEPARTMENT,
    }


def test_a_roster_with_fewer_columns_keeps_what_it_does_not_mention(db: Database, tmp_path: Path) -> None:
    create_employee(db.uow(), EmployeeData(employee_no="M1", name="经理", phone="13800000001"))
    create_employee(
        db.uow(),
        EmployeeData(
            employee_no="E1",
            name="员工",
            manager_no="M1",
            status=EmployeeStatus.LEFT,
            leave_date=date(2024, 1, 31),
            note="返聘人员",
        ),
    )
    names_only = book(tmp_path / "names.xlsx", [["工号", "姓名"], ["M1", "经理"], ["E1", "员工"]])
    report = import_file(db, names_only)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    # Rehired through a file without a 离职日期 column: the leave date goes with the 离职 status.
    rehired = book(tmp_path / "rehired.xlsx", [["工号", "姓名", "状态"], ["E1", "员工", "在职"]])
    report = import_file(db, rehired)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    after = employee(db, "E1")
    assert (after.status, after.leave_date) == (EmployeeStatus.ACTIVE, None)
    assert (after.manager_no, after.note) == ("M1", "返聘人员")
    assert employee(db, "M1").phone == "13800000001"


def test_managers_may_come_later_in_the_file(db: Database, tmp_path: Path) -> None:
    path = book(
        tmp_path / "managers.xlsx",
        [
            ["工号", "姓名", "直属上级工号"],
            ["E1", "甲", "E3"],
            ["E2", "乙", "E3"],
            ["E3", "丙", "E4"],
            ["E4", "丁", None],
        ],
    )
    report = import_file(db, path)
    assert report.created == 4
    assert [employee(db, no).manager_no for no in ("E1", "E2", "E3", "E4")] == ["E3", "E3", "E4", None]
    # A manager already in the archive works too, and a re-import changes nothing.
    more = book(tmp_path / "more.xlsx", [["工号", "姓名", "直属上级工号"], ["E5", "戊", "E1"]])
    assert import_file(db, more).created == 1 and employee(db, "E5").manager_no == "E1"
    assert import_file(db, path).unchanged == 4


def test_a_reporting_loop_is_refused(db: Database, tmp_path: Path) -> None:
    create_employee(db.uow(), EmployeeData(employee_no="B1", name="乙"))
    create_employee(db.uow(), EmployeeData(employee_no="A1", name="甲", manager_no="B1"))
    before = snapshot(db)
    path = book(tmp_path / "loop.xlsx", [["工号", "姓名", "直属上级工号"], ["B1", "乙", "A1"]])
    with pytest.raises(ImportRejected) as caught:
        import_file(db, path)
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (2, "直属上级工号", "A1")
    assert "循环" in error.reason
    assert snapshot(db) == before


# ---- bad input leaves the archive untouched -----------------------------------------------------

BIRTH = date(1985, 1, 2)
GOOD_ID = id_number(BIRTH)
BAD_ID = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")

# Each file also renames an existing employee (A001) in a valid row: that must not be written either.
BAD_FILES: dict[str, tuple[list[list[Any]], tuple[int, str, str]]] = {
    "impossible date": (
        [["工号", "姓名", "入职日期"], ["A001", "新名字", None], ["B001", "新人", "2021-02-30"]],
        (3, "入职日期", "2021-02-30"),
    ),
    "ID checksum": (
        [
            ["工号", "姓名", "出生日期", "身份证号"],
            ["A001", "新名字", None, None],
            ["B001", "新人", BIRTH, BAD_ID],
        ],
        (3, "身份证号", BAD_ID),
    ),
    "unknown manager": (
        [["工号", "姓名", "直属上级工号"], ["A001", "新名字", None], ["B001", "新人", "9999"]],
        (3, "直属上级工号", "9999"),
    ),
    "status": (
        [["工号", "姓名", "人员状态"], ["A001", "新名字", "在职"], ["B001", "新人", "退休"]],
        (3, "人员状态", "退休"),
    ),
    "duplicate 工号": (
        [["工号", "姓名"], ["A001", "新名字"], ["B001", "新人"], ["B001", "又一个"]],
        (4, "工号", "B001"),
    ),
    "missing 姓名 column": ([["工号", "部门"], ["A001", "总公司"]], (1, "姓名", "")),
    "missing 工号 column": ([["员工姓名", "部门"], ["新名字", "总公司"]], (1, "工号", "")),
}


@pytest.fixture
def seeded(db: Database) -> Database:
    create_employee(db.uow(), EmployeeData(employee_no="A001", name="老员工", hire_date=date(2010, 1, 1)))
    create_employee(db.uow(), EmployeeData(employee_no="A002", name="另一位"))
    return db


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_and_writes_nothing(seeded: Database, tmp_path: Path, case: str) -> None:
    rows, (row, column, value) = BAD_FILES[case]
    path = book(tmp_path / "bad.xlsx", rows)
    before = snapshot(seeded)
    parsed = parse_employees(path)
    with pytest.raises(ImportRejected) as caught:
        import_employees(seeded.uow(), parsed)
    errors = caught.value.errors
    assert [(e.row, e.column, e.value) for e in errors] == [(row, column, value)]
    sentence = errors[0].describe()
    assert f"第{row}行" in sentence and f"“{column}”" in sentence and value in sentence
    assert "1 处错误" in caught.value.message() and sentence in caught.value.message()
    assert snapshot(seeded) == before
    assert employee(seeded, "A001").name == "老员工"


def test_a_missing_required_column_is_refused_even_for_valid_rows_only(
    seeded: Database, tmp_path: Path
) -> None:
    path = book(tmp_path / "nocol.xlsx", [["工号", "部门"], ["A001", "总公司"]])
    with pytest.raises(ImportRejected):
        import_file(seeded, path, valid_only=True)


def test_files_that_cannot_be_read_are_refused(seeded: Database, tmp_path: Path) -> None:
    before = snapshot(seeded)
    noise = tmp_path / "noise.xlsx"
    noise.write_bytes(bytes(range(256)) * 16)
    docx = tmp_path / "通知.docx"
    with zipfile.ZipFile(docx, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    old = tmp_path / "旧表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    web = tmp_path / "系统导出.xls"
    web.write_text("<html><table><tr><td>工号</td><td>姓名</td></tr></table></html>", encoding="utf-8")
    letter = book(tmp_path / "letter.xlsx", [["各位同事："], ["请周五前回复。"]])
    expected: dict[Path, type[SpreadsheetRejected]] = {
        noise: NotASpreadsheet,
        docx: NotASpreadsheet,
        old: WorkbookDamaged,
        web: HtmlTable,
        letter: HeaderNotFound,
    }
    for path, kind in expected.items():
        with pytest.raises(kind) as caught:
            parse_employees(path)
        assert path.name in caught.value.message()
    assert snapshot(seeded) == before


def test_valid_rows_only_imports_the_rest_and_lists_what_it_skipped(seeded: Database, tmp_path: Path) -> None:
    path = book(
        tmp_path / "mixed.xlsx",
        [
            ["工号", "姓名", "入职日期", "直属上级工号"],
            ["B001", "甲", "2020-01-01", None],
            ["B002", "乙", "2021-02-30", None],  # impossible date
            ["B003", "丙", None, "B002"],  # manager's row is skipped, so this one is too
            ["B004", "丁", None, "B001"],
            ["B005", "戊", None, "9999"],  # nobody has this number
            ["A001", "老员工改名", None, None],
        ],
    )
    progress: list[tuple[int, int]] = []
    report = import_file(seeded, path, valid_only=True, progress=lambda d, t: progress.append((d, t)))
    assert (report.created, report.updated, report.unchanged) == (2, 1, 0)
    assert report.skipped_rows == [3, 4, 6]
    reasons = {e.row: e for e in report.errors}
    assert reasons[3].column == "入职日期"
    assert reasons[4].column == "直属上级工号" and "第 3 行" in reasons[4].reason
    assert reasons[6].value == "9999" and reasons[6].reason == "没有这个工号的员工"
    assert count(seeded) == 4
    assert employee(seeded, "B004").manager_no == "B001"
    assert employee(seeded, "A001").name == "老员工改名"
    assert progress[-1] == (3, 3)


def test_importing_the_empty_template_is_a_clean_no_op(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_template(path)
    report = import_file(db, path)
    assert (report.created, report.updated, report.unchanged, report.skipped_rows) == (0, 0, 0, [])
    assert report.errors == [] and len(report.warnings) == 1
    assert count(db) == 0


def test_bulk_written_columns_match_what_the_dialog_writes(db: Database) -> None:
    """The import writes plain rows for speed; they must hold what apply_data puts on an Employee."""
    data = EmployeeData(
        employee_no="X1",
        name="某人",
        gender=Gender.FEMALE,
        birth_date=BIRTH,
        id_card_no=GOOD_ID,
        phone="13800000000",
        position="工程师",
        rank=Rank.MIDDLE,
        title="高级工程师",
        hire_date=date(2010, 1, 1),
        status=EmployeeStatus.LEFT,
        leave_date=date(2020, 1, 1),
        manager_no="M1",
        is_trainer=True,
        trainer_level=TrainerLevel.SENIOR,
        note="备注",
    )
    with db.uow() as uow:
        mapped = Employee()
        apply_data(uow.session, mapped, data, 7)
        expected = {
            attr.key: getattr(mapped, attr.key)
            for attr in inspect(Employee).column_attrs
            if attr.key not in {"id", "created_at", "updated_at", "version"}
        }
        written = employee_columns(
            data, department_id=mapped.department_id, position_id=mapped.position_id, manager_id=7
        )
    assert written == expected


def test_statements_do_not_grow_with_the_rows(db: Database, tmp_path: Path) -> None:
    """Per-row SELECTs or INSERTs are what makes a 10,000-row import take minutes instead of seconds."""

    def roster(rows: int, suffix: str) -> Path:
        lines: list[list[Any]] = [["工号", "姓名", "部门", "岗位", "手机", "直属上级工号"]]
        for i in range(rows):
            lines.append(
                [
                    f"P{i:04d}",
                    f"员工{i}{suffix}",
                    f"总公司/部门{i % 3}",
                    f"岗位{i % 5}" if i % 7 else None,  # blanks in varying places must not split batches
                    f"138{i:08d}" if i % 3 else None,
                    f"P{i - i % 10:04d}" if i % 10 else None,
                ]
            )
        return book(tmp_path / f"{rows}{suffix}.xlsx", lines)

    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    for rows in (50, 500):
        statements.clear()
        created = import_file(db, roster(rows, ""))
        assert created.created == rows - (50 if rows == 500 else 0)
        inserting = len(statements)
        statements.clear()
        changed = import_file(db, roster(rows, "（改）"))
        assert changed.updated == rows
        # A handful of statements whatever the size (PostgreSQL adds the trail's advisory lock, and each
        # commit reads the office key's settings to sign its checkpoint).
        assert inserting < 40 and len(statements) < 18, (rows, inserting, len(statements))


# ---- size ---------------------------------------------------------------------------------------

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column_letter(index: int) -> str:
    return chr(ord("A") + index)


def fast_roster(path: Path, count: int, *, bad_row: int | None = None) -> Path:
    """A minimal .xlsx written directly: openpyxl needs ~15 s for 50,000 rows, and this test is about importing.

    Every tenth person manages the nine after them; `bad_row` (an Excel row number) gets an impossible date.
    """
    header = ["工号", "姓名", "部门", "岗位", "入职日期", "状态", "手机", "直属上级工号"]
    lines = []
    for index in range(count + 1):
        if index == 0:
            values = header
        else:
            number = index - 1
            manager = f"{number - number % 10:06d}" if number % 10 else ""
            hired = (
                "2021-02-30"
                if index + 1 == bad_row
                else f"20{number % 20:02d}-0{number % 9 + 1}-1{number % 9}"
            )
            values = [
                f"{number:06d}",
                f"员工{number}",
                f"总公司/分部{number % 5}/部门{number % 8}",
                f"岗位{number % 30}",
                hired,
                "离职" if number % 50 == 49 else "在职",
                f"138{number:08d}",
                manager,
            ]
        cells = "".join(
            f'<c r="{_column_letter(i)}{index + 1}" t="inlineStr"><is><t>{v}</t></is></c>'
            for i, v in enumerate(values)
            if v
        )
        lines.append(f'<row r="{index + 1}">{cells}</row>')
    sheet = f'{_XML_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>{"".join(lines)}</sheetData></worksheet>'
    parts = {
        "[Content_Types].xml": (
            f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{_XML_HEAD}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
            '<sheet name="员工" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML_HEAD}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return path


def test_fifty_thousand_rows_are_refused_cleanly_then_imported(db: Database, tmp_path: Path) -> None:
    started = time.perf_counter()
    bad_row = 30_004
    parsed = parse_employees(fast_roster(tmp_path / "big.xlsx", 50_000, bad_row=bad_row))
    assert parsed.row_count == 50_000
    assert [(e.row, e.column, e.value) for e in parsed.errors] == [(bad_row, "入职日期", "2021-02-30")]
    with pytest.raises(ImportRejected) as caught:
        import_employees(db.uow(), parsed)
    assert len(caught.value.errors) == 1 and count(db) == 0

    report = import_employees(db.uow(), parsed, valid_only=True)
    assert (report.created, report.skipped_rows) == (49_999, [bad_row])
    assert count(db) == 49_999
    assert employee(db, "049999").manager_no == "049990"
    assert employee(db, "000049").status is EmployeeStatus.LEFT
    # Generous: about 12 s on the 2-core development machine; a sign of per-row queries if it fails.
    assert time.perf_counter() - started < 60
