"""The courses exchange format: import from a clerk's sheet, export, re-import, and rows refused by name."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from workbooks import book

from desktop_hr.db import Database, read_only
from desktop_hr.excel.courses import COURSE_SHEET, export_courses
from desktop_hr.models import CourseCategory, CourseClassification, Delivery, SubjectType
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.exchange import kinds
from desktop_hr.services.imports import ImportRejected, ImportReport
from desktop_hr.services.training.courses import CourseData, CourseRow, course_rows, create_course

HEADER = ["课程编号", "课程名称", "学分", "学时", "课程类别", "培训类型", "科目类型", "授课方式", "归属部门"]


def import_file(db: Database, path: Path, *, valid_only: bool = False) -> ImportReport:
    kind = kinds()["courses"]
    return kind.import_parsed(db.uow(), kind.parse(path, None, None), valid_only, None)


def rows(db: Database) -> list[CourseRow]:
    with read_only(db) as session:
        return course_rows(session)


@pytest.fixture
def sales(db: Database) -> int:
    with db.uow() as uow:
        department_id = ensure_department_path(uow.session, "总公司/华东分部/销售部")
        ensure_department_path(uow.session, "总公司/华北分部/销售部")
        ensure_department_path(uow.session, "总公司/财务部")
        uow.commit()
    return department_id


def test_a_clerks_sheet_is_imported(db: Database, sales: int, tmp_path: Path) -> None:
    path = book(
        tmp_path / "courses.xlsx",
        [
            ["2026 年课程目录"],
            [],
            [
                "Course Code",
                "Course",
                "Credits",
                "Hours",
                "课程类别",
                "培训类型",
                "科目类型",
                "授课方式",
                "归属部门",
            ],
            ["C001", "安全生产", 2, 4.5, "必修", "在职", "公需", "线下", None],
            [
                "C002",
                "大客户销售",
                "1.25",
                3,
                "选修课",
                "专门业务培训",
                "专业",
                "线上",
                "总公司/华东分部/销售部",
            ],
            ["C003", "财务基础", 1, 2, "实践", "初任培训", "专业科目", "面授", "财务部"],
        ],
    )
    report = import_file(db, path)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    by_code = {r.code: r for r in rows(db)}
    assert by_code["C001"].hours == Decimal("4.5")
    assert by_code["C001"].owner_department_id is None
    assert by_code["C001"].subject is SubjectType.GENERAL
    assert by_code["C002"].credits == Decimal("1.25")
    assert by_code["C002"].owner_department_id == sales
    assert by_code["C002"].delivery is Delivery.ONLINE
    assert by_code["C002"].classification is CourseClassification.SPECIALISED
    assert by_code["C003"].category is CourseCategory.PRACTICE
    assert by_code["C003"].owner == "总公司/财务部"


def test_export_reimports_unchanged_and_edits_update(db: Database, sales: int, tmp_path: Path) -> None:
    create_course(
        db.uow(),
        CourseData("C001", "安全生产", CourseCategory.REQUIRED, Decimal("1.5"), Decimal(3)),
    )
    create_course(
        db.uow(),
        CourseData(
            "=C002",
            "大客户销售",
            CourseCategory.ELECTIVE,
            delivery=Delivery.ONLINE,
            owner_department_id=sales,
            competencies=("沟通",),
        ),
    )
    before = rows(db)
    out = tmp_path / "export.xlsx"
    with read_only(db) as session:
        assert export_courses(session, out) == 2
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == COURSE_SHEET.headers == HEADER
    # "=C002" sorts first, and stays text rather than becoming a formula.
    assert [c.value for c in sheet[2]][:2] == ["=C002", "大客户销售"]
    assert sheet["I2"].value == "总公司/华东分部/销售部"
    assert [c.value for c in sheet[3]] == [
        "C001",
        "安全生产",
        1.5,
        3,
        "必修",
        "在职培训",
        "专业科目",
        "线下",
        None,
    ]

    report = import_file(db, out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert rows(db) == before

    sheet["B3"] = "安全生产（2026版）"
    sheet["I3"] = "总公司/财务部"
    sheet.parent.save(out)
    report = import_file(db, out)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    first = rows(db)[1]  # "=C002" sorts before "C001"
    assert (first.code, first.title, first.owner) == ("C001", "安全生产（2026版）", "总公司/财务部")
    report = import_file(db, out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_columns_not_in_the_file_are_kept(db: Database, sales: int, tmp_path: Path) -> None:
    create_course(
        db.uow(),
        CourseData("C001", "安全生产", CourseCategory.REQUIRED, Decimal(2), owner_department_id=sales),
    )
    path = book(tmp_path / "titles.xlsx", [["课程编号", "课程名称"], ["C001", "安全生产新版"]])
    report = import_file(db, path)
    assert report.updated == 1
    [row] = rows(db)
    assert (row.title, row.credits, row.owner_department_id) == ("安全生产新版", Decimal(2), sales)


def test_bad_rows_are_named_and_nothing_is_written(db: Database, sales: int, tmp_path: Path) -> None:
    path = book(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            ["C001", "安全生产", 2, 4, "必修", None, None, None, None],
            ["C002", "沟通", -1, 2, "选修", None, None, None, None],
            ["C003", "财务", 1.234, 2, "选修", None, None, None, None],
            ["C004", "研发管理", 1, 2, "必修", None, None, None, "研发中心"],
            ["C005", "大客户", 1, 2, "必修", None, None, None, "销售部"],
            ["C006", "新课程", 1, 2, None, None, None, None, None],
            ["C007", "网课", 1, 2, "随便", None, None, None, None],
            ["C001", "重复", 1, 2, "必修", None, None, None, None],
        ],
    )
    with pytest.raises(ImportRejected) as raised:
        import_file(db, path)
    found = {(e.row, e.column, e.value) for e in raised.value.errors}
    assert {
        (3, "学分", "-1"),
        (4, "学分", "1.234"),
        (5, "归属部门", "研发中心"),
        (6, "归属部门", "销售部"),
        (7, "课程类别", ""),
        (8, "课程类别", "随便"),
        (9, "课程编号", "C001"),
    } <= found
    reasons = {(e.row, e.column): e.reason for e in raised.value.errors}
    assert reasons[(5, "归属部门")] == "系统中没有这个部门"
    assert "总公司/华" in reasons[(6, "归属部门")]  # two 销售部: the path is asked for
    assert "第5行 “归属部门” 列的值 “研发中心”" in raised.value.message()
    assert rows(db) == []

    report = import_file(db, path, valid_only=True)
    assert report.created == 1
    assert [r.code for r in rows(db)] == ["C001"]


def test_the_template_has_the_headers_and_choices(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    kinds()["courses"].write_template(target)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == HEADER
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"必修,选修,实践"' in formulas
    assert '"线下,线上"' in formulas
