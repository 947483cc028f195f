"""Writing .xlsx: typed cells, a usable header, no formula smuggled in through data, and import templates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from desktop_hr.excel.reader import read_sheet
from desktop_hr.excel.spec import CellType, ColumnSpec, SheetSpec
from desktop_hr.excel.writer import CannotWrite, write_table, write_template

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "=1+1", "\t=cmd"]


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_table(path, ["姓名"], [[text] for text in DANGEROUS])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == DANGEROUS
    assert all(c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    # Excel keeps them text even when someone edits the cell (the quote prefix).
    assert all(c.quotePrefix for c in cells)
    # The importer's engine reads the same text back.
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in values[1:]] == DANGEROUS


def test_a_leading_carriage_return_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "cr.xlsx"
    write_table(path, ["备注"], [["\r=cmd"]])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    # XML turns a bare CR into a line feed; what matters is that it is text, not a formula.
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.endswith("=cmd")


def test_values_keep_their_types(tmp_path: Path) -> None:
    path = tmp_path / "typed.xlsx"
    written = write_table(
        path,
        ["工号", "入职日期", "签到时间", "学时", "学分", "人数", "完成", "空"],
        [["00001", date(2021, 3, 5), datetime(2021, 3, 5, 9, 30), Decimal("1.5"), 2, 30, True, None]],
    )
    assert written == 1
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    row = [c for c in next(sheet.iter_rows(min_row=2))]
    assert row[0].value == "00001" and row[0].data_type == "s"
    assert row[1].value == datetime(2021, 3, 5) and row[1].number_format == "yyyy-mm-dd"
    assert row[2].value == datetime(2021, 3, 5, 9, 30) and row[2].number_format == "yyyy-mm-dd hh:mm"
    assert row[3].value == 1.5 and row[3].data_type == "n"
    assert (row[4].value, row[5].value) == (2, 30)
    assert row[6].value is True
    assert row[7].value is None


def test_header_is_bold_frozen_and_columns_fit(tmp_path: Path) -> None:
    path = tmp_path / "layout.xlsx"
    write_table(path, ["工号", "部门"], [["1", "总公司/华东分部/销售部"]], sheet_title="员工")
    sheet = openpyxl.load_workbook(path)["员工"]
    assert sheet["A1"].font.b and sheet["B1"].font.b
    assert sheet.freeze_panes == "A2"
    # Chinese characters count double: the department column is wide enough for its path.
    assert sheet.column_dimensions["B"].width >= 2 * len("总公司/华东分部/销售部") - 6
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["B"].width


def test_characters_excel_cannot_store_are_dropped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "control.xlsx"
    write_table(path, ["备注"], [["第一行\x07响铃\x00"]])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet["A2"].value == "第一行响铃"


def test_progress_and_large_tables(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    rows = ([f"{i:05d}", f"员工{i}", date(2020, 1, 1)] for i in range(1200))
    count = write_table(
        tmp_path / "big.xlsx",
        ["工号", "姓名", "入职日期"],
        rows,
        total=1200,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert count == 1200
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_a_target_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CannotWrite) as caught:
        write_table(tmp_path / "no-such-folder" / "out.xlsx", ["a"], [])
    assert "out.xlsx" in caught.value.message()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_a_failed_save_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "keep.xlsx"
    write_table(path, ["a"], [["old"]])
    with pytest.raises(TypeError):
        write_table(path, ["a"], [[object()]])  # type: ignore[list-item]
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None and sheet["A2"].value == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.xlsx"]


SPEC = SheetSpec(
    kind="demo",
    title="课程",
    columns=(
        ColumnSpec("code", "课程编号", ("Course Code",), CellType.CODE, required=True),
        ColumnSpec("start", "开始日期", (), CellType.DATE),
        ColumnSpec(
            "kind", "课程类别", (), CellType.ENUM, parse={"必修": 1, "选修": 2}.get, choices=("必修", "选修")
        ),
        ColumnSpec("online", "线上", (), CellType.BOOL),
    ),
    key=("code",),
)


def test_template_has_headers_hints_and_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, SPEC)
    sheet = openpyxl.load_workbook(path)["课程"]
    assert [c.value for c in sheet[1]] == ["课程编号", "开始日期", "课程类别", "线上"]
    comments = {c.value: c.comment.text for c in sheet[1] if c.comment}
    assert "必填" in comments["课程编号"] and "Course Code" in comments["课程编号"]
    assert "2021-03-05" in comments["开始日期"]
    assert "必修/选修" in comments["课程类别"]
    lists = {dv.formula1: str(dv.sqref) for dv in sheet.data_validations.dataValidation}
    assert lists['"必修,选修"'].startswith("C2:C")
    assert lists['"是,否"'].startswith("D2:D")
    # Codes typed into the template keep their leading zeros.
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet.freeze_panes == "A2"
    # The empty template reads back as a table with no rows.
    read = read_sheet(path, SPEC)
    assert read.rows == [] and read.errors == [] and len(read.warnings) == 1


def test_saving_into_a_missing_folder_names_the_folder_in_chinese(tmp_path: Path) -> None:
    from desktop_hr.excel.writer import CannotWrite, write_table

    target = tmp_path / "没有这个文件夹" / "导出.xlsx"
    with pytest.raises(CannotWrite) as caught:
        write_table(target, ["工号"], [["00001"]])
    assert "导出.xlsx" in caught.value.message() and "没有这个文件夹" in caught.value.message()
    assert "不存在" in caught.value.message()
    assert not target.parent.exists()
