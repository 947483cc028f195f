"""The generic sheet reader: what it accepts from clerks' own sheets and how it reports what it cannot use."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from workbooks import book

from desktop_hr import messages
from desktop_hr.excel.cells import parse_date_text
from desktop_hr.excel.formats import EmptyTableFile
from desktop_hr.excel.reader import CellError, HeaderNotFound, ReadCancelled, TooManyRows, read_sheet
from desktop_hr.excel.spec import CellType, ColumnSpec, SheetSpec
from desktop_hr.excel.workbook import NotASpreadsheet, SheetTooLarge, WorkbookDamaged, WorkbookTooLarge

KINDS = {"必修": "required", "选修": "elective"}

SPEC = SheetSpec(
    kind="demo",
    title="示例",
    columns=(
        ColumnSpec("code", "编号", ("Code", "课程编号"), CellType.CODE, required=True),
        ColumnSpec("name", "名称", ("Name",), CellType.TEXT, required=True),
        ColumnSpec("day", "日期", (), CellType.DATE),
        ColumnSpec("at", "开始时间", (), CellType.DATETIME),
        ColumnSpec("seats", "容量", (), CellType.INT),
        ColumnSpec("hours", "学时", (), CellType.DECIMAL),
        ColumnSpec("online", "线上", (), CellType.BOOL),
        ColumnSpec("kind", "类别", (), CellType.ENUM, parse=KINDS.get, choices=tuple(KINDS)),
    ),
    key=("code",),
)


def test_openpyxl_parses_workbooks_with_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML, functions

    assert DEFUSEDXML
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_xml_entities_are_refused_not_expanded(tmp_path: Path) -> None:
    plain = book(tmp_path / "plain.xlsx", [["编号", "名称"], ["1", "张三"]])
    bomb = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                doctype = '<!DOCTYPE worksheet [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                text = text.replace("<worksheet", doctype + "<worksheet", 1).replace(
                    "<t>张三</t>", "<t>&b;</t>"
                )
                data = text.encode()
            target.writestr(item, data)
    with pytest.raises(WorkbookDamaged) as caught:
        read_sheet(bomb, SPEC)
    assert "entities.xlsx" in caught.value.message()


def test_header_below_title_rows_with_synonyms_spaces_and_full_width(tmp_path: Path) -> None:
    path = book(
        tmp_path / "courses.xlsx",
        [
            ["2025年 培训课程一览"],
            [],
            ["序号", "ＣＯＤＥ", "名 称", "备注", "学\u3000时"],
            [1, "C01", "  沟通技巧\u3000", "x", 3],
        ],
    )
    read = read_sheet(path, SPEC)
    assert read.header_row == 3
    assert read.headers == {"code": "ＣＯＤＥ", "name": "名 称", "hours": "学\u3000时"}
    assert read.rows[0].row == 4
    assert read.rows[0].values == {"code": "C01", "name": "沟通技巧", "hours": Decimal(3)}
    # 序号 is a clerk's own row counter: ignored quietly; 备注 is unknown: ignored and reported.
    assert len(read.warnings) == 1 and "备注" in read.warnings[0] and "序号" not in read.warnings[0]
    assert read.errors == []


def test_row_numbers_are_excels_when_the_table_starts_away_from_a1(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C4"], sheet["D4"], sheet["E4"] = "编号", "名称", "日期"
    sheet["C5"], sheet["D5"], sheet["E5"] = "C1", "甲", "2021-01-01"
    sheet["C6"], sheet["D6"], sheet["E6"] = "C2", "乙", "2021-13-01"
    path = tmp_path / "offset.xlsx"
    workbook.save(path)
    read = read_sheet(path, SPEC)
    assert read.header_row == 4
    assert [r.row for r in read.rows] == [5, 6]
    assert [(e.row, e.column, e.value) for e in read.errors] == [(6, "日期", "2021-13-01")]


def test_cells_are_cleaned_and_typed(tmp_path: Path) -> None:
    path = book(
        tmp_path / "typed.xlsx",
        [
            ["编号", "名称", "日期", "开始时间", "容量", "学时", "线上", "类别"],
            [1001.0, "甲", "2021-03-05", "2021-03-05 09:30", 30.0, 1.5, "是", "必修"],
            [13800138000.0, "乙", "2021/3/5", "2021/3/5 9:30:15", "40", "0.5", "N", "选修"],
            ["\u200b００７", "丙", "2021.3.5", datetime(2021, 3, 5, 9, 30), None, 0.1 + 0.2, "√", None],
            ["C4", "丁", "2021年3月5日", "2021年3月5日 14:00", None, None, None, None],
            ["C5", "戊", date(2021, 3, 5), date(2021, 3, 5), None, None, "×", None],
        ],
    )
    read = read_sheet(path, SPEC)
    assert read.errors == []
    rows = [r.values for r in read.rows]
    assert [r["code"] for r in rows] == ["1001", "13800138000", "007", "C4", "C5"]
    assert all(r["day"] == date(2021, 3, 5) for r in rows)
    assert [r["at"] for r in rows] == [
        datetime(2021, 3, 5, 9, 30),
        datetime(2021, 3, 5, 9, 30, 15),
        datetime(2021, 3, 5, 9, 30),
        datetime(2021, 3, 5, 14, 0),
        datetime(2021, 3, 5, 0, 0),
    ]
    assert [r["seats"] for r in rows] == [30, 40, None, None, None]
    assert [r["hours"] for r in rows] == [Decimal("1.5"), Decimal("0.5"), Decimal("0.3"), None, None]
    assert [r["online"] for r in rows] == [True, False, True, False, False]  # blank means no
    assert [r["kind"] for r in rows] == ["required", "elective", None, None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-05", (date(2021, 3, 5), None)),
        ("2021/3/5", (date(2021, 3, 5), None)),
        ("2021.3.5", (date(2021, 3, 5), None)),
        ("2021年3月5日", (date(2021, 3, 5), None)),
        ("２０２１年３月５日", (date(2021, 3, 5), None)),
        ("2021-3-5 8:05", (date(2021, 3, 5), datetime(2021, 3, 5, 8, 5).time())),
        ("2021年3月5日08:05:09", (date(2021, 3, 5), datetime(2021, 3, 5, 8, 5, 9).time())),
        ("2021-02-30", None),
        ("1990-13-01", None),
        ("2021-03-05 25:00", None),
        ("05/03/2021", None),
        ("明天", None),
    ],
)
def test_date_texts(text: str, expected: object) -> None:
    assert parse_date_text(text) == expected


def test_every_bad_cell_is_reported_with_row_column_and_value(tmp_path: Path) -> None:
    path = book(
        tmp_path / "bad.xlsx",
        [
            ["课程编号", "名称", "日期", "开始时间", "容量", "学时", "线上", "类别"],
            ["C1", "甲", "1990-13-01", None, None, None, None, None],
            ["C2", None, None, "下午", "三十", "一个半", "也许", "必须"],
            ["C1", "丙", None, None, 1.5, None, None, None],
            [1.10105197304019e17, "丁", None, None, None, None, None, None],
        ],
    )
    read = read_sheet(path, SPEC)
    found = {(e.row, e.column): e for e in read.errors}
    assert set(found) == {
        (2, "日期"),
        (3, "名称"),
        (3, "开始时间"),
        (3, "容量"),
        (3, "学时"),
        (3, "线上"),
        (3, "类别"),
        (4, "课程编号"),
        (4, "容量"),
        (5, "课程编号"),
    }
    assert found[2, "日期"].describe().startswith("第2行 “日期” 列的值 “1990-13-01”：不是有效日期")
    assert found[3, "名称"].describe() == "第3行 “名称” 列：必填"
    assert "必修/选修" in found[3, "类别"].reason
    assert found[4, "课程编号"].value == "C1" and "第 2 行" in found[4, "课程编号"].reason
    assert "15" in found[5, "课程编号"].reason  # an ID number typed as a number lost its last digits
    assert all(e.sheet == "Sheet1" for e in read.errors)
    # Rows in error are still returned (for a preview), with the bad cells empty.
    assert [r.row for r in read.rows] == [2, 3, 4, 5]
    assert read.rows[0].values["day"] is None and read.rows[0].shown("day") == "1990-13-01"


def test_messages_follow_the_language(tmp_path: Path) -> None:
    messages.set_language("en")
    error = CellError("Sheet1", 5, "出生日期", "1990-13-01", "is not a valid date")
    assert error.describe() == 'Row 5, column "出生日期", value "1990-13-01": is not a valid date'
    path = book(tmp_path / "en.xlsx", [["编号", "名称", "日期"], ["C1", "甲", "soon"]])
    assert read_sheet(path, SPEC).errors[0].reason.startswith("is not a valid date")


def test_footer_and_blank_rows_end_the_data(tmp_path: Path) -> None:
    path = book(
        tmp_path / "footer.xlsx",
        [
            ["编号", "名称"],
            ["C1", "甲"],
            ["C2", "乙"],
            ["合计：", "2门"],
            ["C3", "丙"],
        ],
    )
    read = read_sheet(path, SPEC)
    assert [r.values["code"] for r in read.rows] == ["C1", "C2"]
    assert read.warnings == []  # what follows a total is not data

    path = book(tmp_path / "blank.xlsx", [["编号", "名称"], ["C1", "甲"], [None, "  "], ["总计", None]])
    assert [r.row for r in read_sheet(path, SPEC).rows] == [2]

    # A department called 总计划部 is data, not a footer.
    path = book(tmp_path / "name.xlsx", [["编号", "名称"], ["C1", "总计划部"]])
    assert len(read_sheet(path, SPEC).rows) == 1


def test_data_after_a_stray_blank_row_is_not_read_but_reported(tmp_path: Path) -> None:
    path = book(tmp_path / "gap.xlsx", [["编号", "名称"], ["C1", "甲"], [], ["C2", "乙"]])
    read = read_sheet(path, SPEC)
    assert [r.row for r in read.rows] == [2]
    assert len(read.warnings) == 1 and "第 4 行" in read.warnings[0]


def test_missing_required_column_is_an_error_at_the_header_row(tmp_path: Path) -> None:
    path = book(tmp_path / "nocode.xlsx", [["标题"], ["名称", "日期"], ["甲", "2021-01-01"]])
    read = read_sheet(path, SPEC)
    assert read.rows == []
    assert [(e.row, e.column) for e in read.errors] == [(2, "编号")]
    assert "缺少" in read.errors[0].describe()


def test_no_recognisable_header(tmp_path: Path) -> None:
    path = book(tmp_path / "letter.xlsx", [["尊敬的各位同事："], ["请于周五前提交名单。"]])
    with pytest.raises(HeaderNotFound) as caught:
        read_sheet(path, SPEC)
    assert "letter.xlsx" in caught.value.message() and "编号、名称" in caught.value.message()


def test_hidden_sheets_are_skipped_and_a_later_sheet_can_hold_the_table(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "说明"
    cover.append(["本表由人事部维护"])
    hidden = workbook.create_sheet("旧数据")
    hidden.append(["编号", "名称"])
    hidden.append(["OLD", "旧"])
    hidden.sheet_state = "hidden"
    data = workbook.create_sheet("课程")
    data.append(["编号", "名称"])
    data.append(["C1", "甲"])
    path = tmp_path / "sheets.xlsx"
    workbook.save(path)
    read = read_sheet(path, SPEC)
    assert read.sheet == "课程" and [r.values["code"] for r in read.rows] == ["C1"]


def test_header_marks_for_required_columns_are_understood(tmp_path: Path) -> None:
    path = book(tmp_path / "marks.xlsx", [["*编号", "名称(必填)"], ["C1", "甲"]])
    assert read_sheet(path, SPEC).headers == {"code": "*编号", "name": "名称(必填)"}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def test_files_that_are_not_tables_are_refused_by_name(tmp_path: Path) -> None:
    random = tmp_path / "random.xlsx"
    random.write_bytes(bytes(range(256)) * 4)
    word = _zip(tmp_path / "letter.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    for path in (random, word):
        with pytest.raises(NotASpreadsheet) as caught:
            read_sheet(path, SPEC)
        assert path.name in caught.value.message()
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(EmptyTableFile) as nothing:
        read_sheet(empty, SPEC)
    assert "empty.xlsx" in nothing.value.message()
    damaged = tmp_path / "old.xls"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(WorkbookDamaged) as broken:
        read_sheet(damaged, SPEC)
    assert "old.xls" in broken.value.message()


def test_a_csv_named_xlsx_is_read_for_what_it_is(tmp_path: Path) -> None:
    text = tmp_path / "名单.xlsx"
    text.write_text("编号,名称\nA1,张三\n", encoding="utf-8")
    rows = read_sheet(text, SPEC).rows
    assert [(row.row, row.values["code"], row.values["name"]) for row in rows] == [(2, "A1", "张三")]


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = _zip(
        tmp_path / "bomb.xlsx",
        {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b" " * 2_000_000},
    )
    assert bomb.stat().st_size < 50_000
    with pytest.raises(WorkbookTooLarge):
        read_sheet(bomb, SPEC, max_bytes=1_000_000)


def test_too_many_rows(tmp_path: Path) -> None:
    path = book(tmp_path / "many.xlsx", [["编号", "名称"], *[[f"C{i}", "甲"] for i in range(6)]])
    with pytest.raises(TooManyRows):
        read_sheet(path, SPEC, max_rows=5)
    assert len(read_sheet(path, SPEC, max_rows=6).rows) == 6


def _declaring(path: Path, rows: int) -> Path:
    """The workbook at `path` with its sheet's <dimension> rewritten to declare `rows` rows."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index("<dimension")
    end = sheet.index(">", start) + 1
    parts["xl/worksheets/sheet1.xml"] = (
        sheet[:start] + f'<dimension ref="A1:B{rows}"/>' + sheet[end:]
    ).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_sheet_declaring_a_million_rows_is_refused_at_once_by_name_rows_and_limit(tmp_path: Path) -> None:
    path = _declaring(book(tmp_path / "全年签到.xlsx", [["编号", "名称"], ["C1", "甲"]]), 1_048_576)
    started = time.perf_counter()
    with pytest.raises(SheetTooLarge) as caught:
        read_sheet(path, SPEC)
    assert time.perf_counter() - started < 2  # from the declaration: no row was read
    assert caught.value.message() == (
        "“全年签到.xlsx” 的工作表 “Sheet1” 有 1,048,576 行，超过一次可导入的 200,000 行，未读取。"
        "请删除多余的行，或拆分成几个文件分别导入。"
    )


def test_a_sheet_larger_than_it_declares_is_refused_once_loaded(tmp_path: Path) -> None:
    rows = [["编号", "名称"], *[[f"C{i}", "甲"] for i in range(40)]]
    path = _declaring(book(tmp_path / "many.xlsx", rows), 2)
    with pytest.raises(SheetTooLarge) as caught:
        read_sheet(path, SPEC, max_rows=10)
    assert "41 行" in caught.value.message() and "10 行" in caught.value.message()
    # Within the limit, a title above the header does not count against it.
    assert len(read_sheet(book(tmp_path / "ok.xlsx", [["标题"], *rows[:11]]), SPEC, max_rows=10).rows) == 10


def test_damaged_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.xml", b"<not-closed")
    path = tmp_path / "broken.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(WorkbookDamaged) as caught:
        read_sheet(path, SPEC)
    assert "broken.xlsx" in caught.value.message()


def test_progress_is_reported_and_reading_can_be_cancelled(tmp_path: Path) -> None:
    path = book(tmp_path / "long.xlsx", [["编号", "名称"], *[[f"C{i}", "甲"] for i in range(1200)]])
    seen: list[tuple[int, int]] = []
    read = read_sheet(path, SPEC, progress=lambda done, total: seen.append((done, total)))
    assert len(read.rows) == 1200
    assert seen[0] == (500, 1200) and seen[-1] == (1200, 1200)
    with pytest.raises(ReadCancelled):
        read_sheet(path, SPEC, cancelled=lambda: True)


def test_a_spec_refuses_a_header_that_names_two_columns() -> None:
    with pytest.raises(ValueError, match="names both"):
        SheetSpec(
            kind="clash",
            title="x",
            columns=(ColumnSpec("a", "电话"), ColumnSpec("b", "手机", ("电 话",))),
            key=(),
        )


def test_a_second_header_row_is_an_error_on_its_row_not_a_record(tmp_path: Path) -> None:
    path = book(tmp_path / "两行表头.xlsx", [["编号", "名称"], ["Code", "名称"], ["A1", "张三"]])
    read = read_sheet(path, SPEC)
    assert [(row.row, row.values["code"]) for row in read.rows] == [(3, "A1")]
    (error,) = read.errors
    assert (error.row, error.column, error.value) == (2, "编号", "Code")
    assert "两行表头" in error.reason
    # A real value that happens to equal one header is data, not a header row.
    again = read_sheet(book(tmp_path / "ok.xlsx", [["编号", "名称"], ["名称", "张三"]]), SPEC)
    assert [row.values["code"] for row in again.rows] == ["名称"] and again.errors == []
