"""The reminder notices read back: the PDF (a notice per department, each from a new page, Chinese embedded) and
the .xlsx export."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from notice_cases import NOW, TODAY, build_office
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_hr.db import Database
from desktop_hr.excel.notices import NOTICE_HEADERS
from desktop_hr.printing import catalogue
from desktop_hr.services.records.printables import Document, reminder_notices_printable
from desktop_hr.services.training.notices import NoNotices


def _item(db: Database, **options: object) -> catalogue.Printable:
    with db.read_session() as session:
        return reminder_notices_printable(session, TODAY, **options)  # type: ignore[arg-type]


def test_a_notice_per_department_each_on_its_own_page(db: Database, tmp_path: Path) -> None:
    build_office(db)
    item = _item(db)
    assert (item.document, item.what, item.whom) == (
        Document.REMINDER_NOTICES,
        "2026-03-01 培训提醒通知",
        "全部部门",
    )
    out = tmp_path / "notices.pdf"
    assert catalogue.render(db, item, out, now=NOW) == 3
    pages = [page.extract_text() for page in PdfReader(out).pages]
    sales, tech, finance = pages  # the tree's order: siblings by name (华南分部, 技术部, 财务部)
    assert "总公司/技术部" in tech and "技术部负责人（王强）" in tech and "tech-head@office.example" in tech
    for name in ("张伟", "李娜", "王芳", "沟通技巧", "公文写作", "团队管理", "逾期 5 天", "还有 3 天"):
        assert name in tech, name
    assert "刘洋" not in tech and "陈静" not in tech and "周杰" not in tech
    assert "陈静" in finance and "张伟" not in finance
    assert "刘洋" in sales and "south-head@office.example" in sales and "赵敏" in sales
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    for row in fonts.splitlines()[2:]:
        assert "TrueType" in row and re.search(r"\byes\s+yes\s+yes\b", row), fonts


def test_one_department_only(db: Database, tmp_path: Path) -> None:
    office = build_office(db)
    item = _item(db, department_id=office.south)
    assert item.whom == "总公司/华南分部"
    out = tmp_path / "south.pdf"
    assert catalogue.render(db, item, out, now=NOW) == 1
    assert "刘洋" in PdfReader(out).pages[0].extract_text()


def test_no_notice_no_pdf(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    with pytest.raises(NoNotices, match="今天没有需要提醒的事项"):
        catalogue.render(db, _item(db), out, now=NOW)
    assert not out.exists()


def test_the_export_read_back(db: Database, tmp_path: Path) -> None:
    build_office(db)
    out = tmp_path / "notices.xlsx"
    assert catalogue.export_excel(db, _item(db), out, now=NOW) == 5
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == NOTICE_HEADERS
    by_person = {row[3]: row for row in rows[1:]}
    assert by_person["0001"] == (
        "总公司/技术部",
        "王强",
        "tech-head@office.example",
        "0001",
        "张伟",
        "培训即将开始",
        "沟通技巧",
        "S-UP",
        datetime(2026, 3, 4, 9),
        None,
        "还有 3 天",
    )
    assert by_person["0002"][5:] == (
        "心得已逾期",
        "公文写作",
        "S-RF",
        datetime(2026, 2, 9, 9),
        datetime(2026, 2, 24),
        "逾期 5 天",
    )
    assert by_person["0004"][:3] == ("总公司/华南分部/销售部", "赵敏", "south-head@office.example")
    assert by_person["0005"][1:3] == (None, None)  # no head, no address: blank cells
    assert "0006" not in by_person
    assert isinstance(by_person["0003"][9], datetime) and by_person["0003"][9].date() == date(2026, 3, 19)
