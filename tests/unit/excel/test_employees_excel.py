"""The employees format: reading clerks' rosters, the export that re-imports as is, and the template."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbooks import book, id_number

from desktop_hr import messages
from desktop_hr.db import Database, read_only
from desktop_hr.excel.employees import EMPLOYEE_SHEET, export_employees, parse_employees, write_template
from desktop_hr.models import EmployeeStatus, Gender, Rank
from desktop_hr.services.archive.employees import FIELD_LABELS, EmployeeData, EmployeeQuery, create_employee

CANONICAL_HEADERS = [zh for zh, _ in FIELD_LABELS.values()]


def test_the_sample_roster_reads_cleanly(sample_roster: Path) -> None:
    parsed = parse_employees(sample_roster)
    assert parsed.errors == []
    assert parsed.warnings == []  # 序号 is ignored quietly; the 合计 footer ends the data
    assert (parsed.sheet, parsed.header_row, parsed.row_count) == ("在职员工", 3, 120)
    first = parsed.records[0]
    assert (first.row, first.employee_no, first.name) == (4, "00001", "杜凤勇")
    assert first.hire_date == date(2023, 6, 3)  # written 2023年6月3日
    assert first.department_path == "总公司/华南分部/销售部"
    assert first.gender is Gender.MALE
    assert {r.rank for r in parsed.records} == {Rank.STAFF, Rank.MIDDLE, Rank.SENIOR}
    left = [r for r in parsed.records if r.status is EmployeeStatus.LEFT]
    assert left and all(r.leave_date is None for r in left)


def test_a_roster_laid_out_differently(tmp_path: Path) -> None:
    birth = date(1990, 3, 7)
    path = book(
        tmp_path / "名单.xlsx",
        [
            ["2024年度 人员名单"],
            [],
            [
                "所属部门",
                "姓 名",
                "员工编号",
                "入职时间",
                "联系电话",
                "ＩＤ　Ｎｕｍｂｅｒ",
                "备注",
                "在职状态",
            ],
            [
                "总公司/华东分部/市场部",
                "张三",
                1001.0,
                "2021/3/5",
                13800138000,
                id_number(birth),
                "老员工",
                "在职",
            ],
            ["总公司 / 技术部", "李四\u3000", "1002", "2022年7月1日", None, None, None, "试用期"],
            [],
            [],
            ["总计", "2人"],
        ],
    )
    parsed = parse_employees(path)
    assert parsed.errors == []
    assert len(parsed.warnings) == 1 and "备注" in parsed.warnings[0]
    first, second = parsed.records
    assert (first.employee_no, first.name, first.phone) == ("1001", "张三", "13800138000")
    assert first.hire_date == date(2021, 3, 5) and first.id_card_no == id_number(birth)
    assert first.department_path == "总公司/华东分部/市场部"
    assert (second.employee_no, second.name, second.status) == ("1002", "李四", EmployeeStatus.PROBATION)
    assert second.department_path == "总公司/技术部"
    assert parsed.columns == {
        "department",
        "name",
        "employee_no",
        "hire_date",
        "phone",
        "id_card_no",
        "status",
    }


def test_each_problem_names_row_column_and_value(tmp_path: Path) -> None:
    birth = date(1985, 1, 2)
    good_id = id_number(birth)
    bad_id = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")
    path = book(
        tmp_path / "bad.xlsx",
        [
            ["工号", "姓名", "出生日期", "身份证号", "入职日期", "状态", "离职日期", "部门", "手机"],
            ["A001", "张三", birth, good_id, "2010-05-01", "在职", None, "总公司/销售部", "13800138000"],
            ["A002", "李四", None, bad_id, "2021-02-30", "退休", None, None, None],
            ["A003", "王五", None, None, None, "在职", "2020-01-01", "总公司//销售部", "call me"],
            ["A001", "赵六", None, None, "2015-01-01", None, None, None, None],
            ["A005", "", "2030-01-01", None, None, None, None, None, None],
        ],
    )
    parsed = parse_employees(path)
    found = {(e.row, e.column): e for e in parsed.errors}
    assert set(found) == {
        (3, "身份证号"),
        (3, "入职日期"),
        (3, "状态"),
        (4, "离职日期"),
        (4, "部门"),
        (4, "手机"),
        (5, "工号"),
        (6, "姓名"),
        (6, "出生日期"),
    }
    assert found[3, "身份证号"].value == bad_id and "校验位" in found[3, "身份证号"].reason
    assert found[3, "入职日期"].value == "2021-02-30"
    assert found[3, "状态"].value == "退休" and "试用/在职/离职" in found[3, "状态"].reason
    assert found[4, "离职日期"].reason == "只有离职人员才有离职日期"
    assert found[4, "部门"].value == "总公司//销售部"
    assert found[5, "工号"].describe() == "第5行 “工号” 列的值 “A001”：与第 2 行重复"
    assert found[6, "姓名"].describe() == "第6行 “姓名” 列：必填"
    assert parsed.error_rows == {3, 4, 5, 6}
    assert len(parsed.records) == 5  # every row is kept for a preview; rows in error are marked by .errors


@pytest.mark.parametrize("missing", ["工号", "姓名"])
def test_a_missing_required_column(tmp_path: Path, missing: str) -> None:
    header = [h for h in ["工号", "姓名", "部门"] if h != missing]
    parsed = parse_employees(book(tmp_path / "cols.xlsx", [header, ["x", "y"]]))
    assert parsed.records == []
    assert [(e.row, e.column) for e in parsed.file_errors] == [(1, missing)]


def test_the_template_has_the_canonical_headers_and_reads_as_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "员工模板.xlsx"
    write_template(path)
    sheet = openpyxl.load_workbook(path)["员工"]
    assert [c.value for c in sheet[1]] == CANONICAL_HEADERS
    assert "总公司/华东分部/销售部" in sheet["G1"].comment.text
    parsed = parse_employees(path)
    assert (parsed.records, parsed.errors, parsed.row_count) == ([], [], 0)
    assert len(parsed.warnings) == 1 and "没有数据行" in parsed.warnings[0]


def test_the_spec_covers_every_documented_header() -> None:
    documented = {
        "employee_no": ["员工编号", "职工号", "人员编号", "Employee No"],
        "name": ["员工姓名", "Name"],
        "id_card_no": ["身份证号码", "证件号码", "ID Number"],
        "phone": ["手机号", "联系电话", "电话", "Phone"],
        "department": ["所属部门", "部门名称", "Department"],
        "position": ["岗位名称", "职位", "Position"],
        "hire_date": ["入职时间", "参加工作时间", "Hire Date"],
        "status": ["在职状态", "人员状态", "Status"],
        "manager_no": ["Manager No"],
    }
    for key, names in documented.items():
        for name in names:
            assert EMPLOYEE_SHEET.key_for_header(name) == key, name
    assert EMPLOYEE_SHEET.headers == CANONICAL_HEADERS


def _seed(db: Database) -> None:
    def add(no: str, name: str, **extra: Any) -> None:
        create_employee(db.uow(), EmployeeData(employee_no=no, name=name, **extra))

    add("00001", "张三", birth_date=date(1980, 1, 2), hire_date=date(2005, 7, 1), phone="13800138000")
    add("00002", '=HYPERLINK("http://x","y")', title="+1", manager_no="00001")
    add("00003", "王五", status=EmployeeStatus.LEFT, leave_date=date(2020, 5, 1))


def test_export_writes_the_import_format(db: Database, tmp_path: Path) -> None:
    _seed(db)
    out = tmp_path / "员工导出.xlsx"
    with read_only(db) as session:
        assert export_employees(session, EmployeeQuery(), out) == 3
    sheet = openpyxl.load_workbook(out)["员工"]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == CANONICAL_HEADERS
    by_header = [dict(zip(CANONICAL_HEADERS, row, strict=True)) for row in rows[1:]]
    first, second, third = by_header
    assert first["工号"].value == "00001" and first["工号"].data_type == "s"
    assert first["出生日期"].is_date and first["出生日期"].value.date() == date(1980, 1, 2)
    assert first["手机"].value == "13800138000" and first["状态"].value == "在职"
    assert second["姓名"].value == '=HYPERLINK("http://x","y")' and second["姓名"].data_type == "s"
    assert second["职称"].value == "+1" and second["直属上级工号"].value == "00001"
    assert third["状态"].value == "离职" and third["离职日期"].value.date() == date(2020, 5, 1)
    assert not any(cell.data_type == "f" for row in rows for cell in row)


def test_export_values_stay_chinese_when_the_window_is_in_english(db: Database, tmp_path: Path) -> None:
    _seed(db)
    messages.set_language("en")
    out = tmp_path / "export.xlsx"
    with read_only(db) as session:
        export_employees(session, EmployeeQuery(), out)
    rows = list(openpyxl.load_workbook(out)["员工"].iter_rows(values_only=True))
    status = CANONICAL_HEADERS.index("状态")
    assert [r[status] for r in rows[1:]] == ["在职", "在职", "离职"]
    assert messages.language() == "en"


def test_export_follows_the_filter_and_sort(db: Database, tmp_path: Path) -> None:
    _seed(db)
    out = tmp_path / "filtered.xlsx"
    query = EmployeeQuery(statuses=frozenset({EmployeeStatus.ACTIVE}), sort="employee_no", descending=True)
    seen: list[tuple[int, int]] = []
    with read_only(db) as session:
        assert export_employees(session, query, out, progress=lambda d, t: seen.append((d, t))) == 2
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["00002", "00001"]
    assert seen[-1] == (2, 2)


def test_numeric_employee_no_formatted_with_leading_zeros_keeps_them(tmp_path: Path) -> None:
    # The clerk typed 12 into a column formatted 00000: Excel shows 00012, so that is the 工号.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["工号", "姓名"])
    for number, name in ((12, "徐梅芬"), (7, "林岚荔"), (1234567, "超长工号")):
        sheet.append([number, name])
    for row in (2, 3, 4):
        sheet.cell(row=row, column=1).number_format = "00000"
    sheet.append(["00099", "文本工号"])  # already text: left alone
    sheet.append([42, "普通数字"])  # General format: shown as 42, read as 42
    path = tmp_path / "formatted.xlsx"
    workbook.save(path)
    parsed = parse_employees(path)
    assert parsed.errors == []
    assert [r.employee_no for r in parsed.records] == ["00012", "00007", "1234567", "00099", "42"]


def test_padding_that_makes_a_duplicate_is_reported(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["工号", "姓名"])
    sheet.append(["00012", "文本"])
    sheet.append([12, "数字"])
    sheet.cell(row=3, column=1).number_format = "00000"
    path = tmp_path / "dup.xlsx"
    workbook.save(path)
    parsed = parse_employees(path)
    assert [(e.row, e.value) for e in parsed.errors] == [(3, "00012")]
