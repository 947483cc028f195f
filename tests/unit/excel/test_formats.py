"""Every table an office has: the sample roster saved by a real office suite (LibreOffice) as .xls, .ods and CSV,
and as CSV re-encoded to GB18030 and UTF-8 with BOM, reads exactly as the .xlsx does, and imports the same
120 people; files that only look like tables are refused by name."""

from __future__ import annotations

import codecs
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_hr.db import Database
from desktop_hr.excel.employees import parse_employees
from desktop_hr.excel.formats import (
    EmptyTableFile,
    HtmlTable,
    LegacyWorkbook,
    NotASpreadsheet,
    SheetFormat,
    SpreadsheetXml,
    UnknownEncoding,
    WpsWorkbook,
    detect,
)
from desktop_hr.models import Employee
from desktop_hr.services.archive.roster_import import import_employees

LIMIT = 200 * 1024 * 1024
# The shared sample roster (tests/conftest.py's SAMPLE_ROSTER; a module-scoped fixture cannot use its fixture).
SAMPLE_ROSTER = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "花名册_示例.xlsx"
SOFFICE = shutil.which("soffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed"
)


def _convert(source: Path, folder: Path, target: str) -> Path:
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (made,) = [
        p
        for p in folder.iterdir()
        if p.suffix == "." + target.split(":", maxsplit=1)[0] and p.stem == source.stem
    ]
    return made


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample roster as LibreOffice saves it, once per test module (each conversion takes seconds)."""
    folder = tmp_path_factory.mktemp("office")
    source = shutil.copy(SAMPLE_ROSTER, folder / "roster.xlsx")
    files = {"xlsx": Path(source)}
    files["xls"] = _convert(files["xlsx"], folder, "xls")
    files["ods"] = _convert(files["xlsx"], folder, "ods")
    # 44 = comma, 34 = double quote, 76 = UTF-8: what "CSV UTF-8" means in Excel's and WPS's save dialog.
    files["csv"] = _convert(files["xlsx"], folder, "csv:Text - txt - csv (StarCalc):44,34,76,1")
    text = files["csv"].read_text(encoding="utf-8")
    files["gb18030"] = folder / "roster-gbk.csv"
    files["gb18030"].write_bytes(text.encode("gb18030"))
    files["bom"] = folder / "roster-bom.csv"
    files["bom"].write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    files["tab"] = folder / "roster.txt"
    files["tab"].write_text(text.replace(",", "\t"), encoding="utf-16")  # Excel's "Unicode text"
    files["renamed"] = folder / "roster-really-xls.xlsx"  # a .xls someone renamed
    files["renamed"].write_bytes(files["xls"].read_bytes())
    files["csv_named_xls"] = folder / "roster-really-csv.xls"  # what many web systems "export to Excel"
    files["csv_named_xls"].write_bytes(files["gb18030"].read_bytes())
    files["et"] = folder / "roster.et"  # WPS .et files saved in the compatible BIFF layout read as .xls
    files["et"].write_bytes(files["xls"].read_bytes())
    return files


@needs_office
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("xls", SheetFormat.XLS),
        ("ods", SheetFormat.ODS),
        ("csv", SheetFormat.CSV),
        ("gb18030", SheetFormat.CSV),
        ("bom", SheetFormat.CSV),
        ("tab", SheetFormat.CSV),
        ("renamed", SheetFormat.XLS),
        ("csv_named_xls", SheetFormat.CSV),
        ("et", SheetFormat.XLS),
    ],
)
def test_every_format_reads_the_same_120_people_as_the_xlsx(
    office_files: dict[str, Path], kind: str, expected: SheetFormat
) -> None:
    path = office_files[kind]
    assert detect(path, LIMIT).format is expected
    reference = parse_employees(office_files["xlsx"])
    parsed = parse_employees(path)
    assert len(reference.records) == 120
    assert parsed.errors == [] and parsed.records == reference.records
    first = parsed.records[0]
    assert (first.employee_no, first.name) == ("00001", "杜凤勇")  # leading zeros and the trimmed name kept


@needs_office
@pytest.mark.parametrize("kind", ["xls", "ods", "gb18030"])
def test_importing_another_format_stores_what_the_xlsx_stores(
    office_files: dict[str, Path], kind: str, db: Database
) -> None:
    import_employees(db.uow(), parse_employees(office_files[kind]))
    with db.read_session() as session:
        stored = session.execute(
            select(Employee.employee_no, Employee.name, Employee.hire_date, Employee.id_card_no).order_by(
                Employee.employee_no
            )
        ).all()
    expected = sorted(
        (r.employee_no, r.name, r.hire_date, r.id_card_no)
        for r in parse_employees(office_files["xlsx"]).records
    )
    assert [tuple(row) for row in stored] == expected


def test_delimiters_and_encodings_are_recognised(tmp_path: Path) -> None:
    semicolon = tmp_path / "名单.csv"
    semicolon.write_text("工号;姓名;部门\n0007;王芳;总公司/财务部\n", encoding="gb18030")
    found = detect(semicolon, LIMIT)
    assert (found.format, found.encoding, found.delimiter) == (SheetFormat.CSV, "gb18030", ";")
    records = parse_employees(semicolon).records
    assert [(r.employee_no, r.name, r.department_path) for r in records] == [
        ("0007", "王芳", "总公司/财务部")
    ]


def test_files_that_only_look_like_tables_are_refused_by_name(tmp_path: Path) -> None:
    html = tmp_path / "导出.xls"
    html.write_text("<html><body><table><tr><td>工号</td></tr></table></body></html>", encoding="utf-8")
    xml = tmp_path / "2003.xls"
    xml.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        encoding="utf-8",
    )
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    blank = tmp_path / "空白.csv"
    blank.write_bytes(codecs.BOM_UTF8 + b"\r\n  \r\n")
    binary = tmp_path / "图片.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    wps = tmp_path / "花名册.et"
    wps.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    cases = {
        html: (HtmlTable, "网页"),
        xml: (SpreadsheetXml, "Excel 2003 XML"),
        empty: (EmptyTableFile, "空文件"),
        blank: (EmptyTableFile, "空文件"),
        binary: (NotASpreadsheet, "不是表格文件"),
        wps: (WpsWorkbook, "请在 WPS 中另存为 .xlsx 或 .xls"),
    }
    for path, (error, words) in cases.items():
        with pytest.raises(error) as refused:
            parse_employees(path)
        assert path.name in refused.value.message() and words in refused.value.message()


def test_an_encoding_that_cannot_be_decided_names_the_line(tmp_path: Path) -> None:
    mixed = tmp_path / "混合.csv"
    # Lines 1-2 in UTF-8, line 3 bytes that are neither UTF-8 nor GB18030.
    mixed.write_bytes("工号,姓名\n0001,张三\n".encode() + b"0002,\x80\xff\x80\n")
    with pytest.raises(UnknownEncoding) as refused:
        parse_employees(mixed)
    assert "混合.csv" in refused.value.message() and "第 3 行" in refused.value.message()


def test_a_password_protected_workbook_asks_for_the_password_to_be_removed(
    tmp_path: Path, sample_roster: Path
) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = tmp_path / "加密花名册.xlsx"
    with sample_roster.open("rb") as source, locked.open("wb") as out:
        OOXMLFile(source).encrypt("secret", out)
    with pytest.raises(LegacyWorkbook) as refused:
        parse_employees(locked)
    assert "加密花名册.xlsx" in refused.value.message() and "密码" in refused.value.message()


def test_an_export_can_be_written_as_csv_that_excel_on_chinese_windows_opens(tmp_path: Path) -> None:
    from datetime import date, datetime
    from decimal import Decimal

    from desktop_hr.excel.writer import write_table

    target = tmp_path / "积分汇总.csv"
    rows = [
        ["00012", "张三", Decimal("12.5"), 3, date(2026, 3, 1), datetime(2026, 3, 1, 9, 30)],
        ['=HYPERLINK("http://x")', "-5", None, -5, None, None],
    ]
    assert write_table(target, ["工号", "姓名", "学时", "次数", "日期", "签到时间"], rows) == 2
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # Excel on Chinese Windows reads UTF-8 only with the BOM
    lines = data.decode("utf-8-sig").splitlines()
    assert lines == [
        "工号,姓名,学时,次数,日期,签到时间",
        "00012,张三,12.5,3,2026-03-01,2026-03-01 09:30",
        '"\'=HYPERLINK(""http://x"")",\'-5,,-5,,',  # the text "-5" stays text, the number -5 a number
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["积分汇总.csv"]  # no temporary file left behind
    # And it reads back as the same table.
    assert detect(target, LIMIT).encoding == "utf-8-sig"
