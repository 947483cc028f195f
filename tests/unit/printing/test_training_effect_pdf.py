"""培训效果报告 through the catalogue: found by a course's code in the Printing tab's search, drawn as a PDF
(text and pages read back, the chart's names in it), as Excel in the fixed columns, over dates, and refused
before anything is drawn when a name has a character the font lacks."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from effect_cases import FINANCE, Office, negotiation_office
from pypdf import PdfReader
from training_data import building

from desktop_hr.db import Database
from desktop_hr.excel.training_effect import TRAINING_EFFECT_HEADERS
from desktop_hr.models import Course
from desktop_hr.printing import catalogue
from desktop_hr.printing.fonts import MissingGlyphs
from desktop_hr.services.records.printables import (
    Document,
    find_printables,
    training_effect_by_keys,
    training_effect_printable,
)

NOW = datetime(2026, 1, 15, 10)


@pytest.fixture
def office(db: Database) -> Office:
    return negotiation_office(db)


def _pdf(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_a_course_code_finds_its_effect_report(db: Database, office: Office, tmp_path: Path) -> None:
    with db.read_session() as s:
        found = [
            i
            for i in find_printables(s, "C01", today=date(2025, 12, 1))
            if i.document is Document.TRAINING_EFFECT
        ]
    (item,) = found
    assert (item.what, item.whom, item.year, item.course_id) == (
        "2025 年度培训效果报告",
        "C01 谈判技巧",
        2025,
        office.course_id,
    )
    target = tmp_path / "c01.pdf"
    pages = catalogue.render(db, item, target, now=NOW)
    text, counted = _pdf(target)
    assert pages == counted
    flat = text.replace("\n", "")
    assert "培训效果报告（2025 年度）" in flat and "C01 谈判技巧" in flat and "安全生产" not in flat
    # The chart's legend and competency names are drawn in the embedded font, so they read back as text.
    for name in ("参训 训前", "未参训 同期后", "沟通能力", "谈判能力"):
        assert name in flat
    assert "谈判能力 65.0 → 82.0（未参训 60.7 → 65.3）" in flat


def test_the_same_report_as_excel(db: Database, office: Office, tmp_path: Path) -> None:
    with db.read_session() as s:
        item = training_effect_by_keys(s, year=2025, department_path=FINANCE)
    assert item.whom == f"全部课程（{FINANCE}）"
    assert catalogue.has_excel(item)
    target = tmp_path / "finance.xlsx"
    assert catalogue.export_excel(db, item, target, now=NOW) == 2
    rows = [tuple(r) for r in openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == TRAINING_EFFECT_HEADERS
    assert rows[2] == ("C01", "谈判技巧", 1, 1, 70, None, 100, 0, "谈判能力", 65, 82)


def test_a_span_prints_its_days(db: Database, office: Office, tmp_path: Path) -> None:
    with db.read_session() as s:
        item = training_effect_printable(s, span=(date(2025, 9, 1), date(2025, 9, 30)))
    assert item.what == "2025-09-01 至 2025-09-30 培训效果报告"
    target = tmp_path / "september.pdf"
    catalogue.render(db, item, target, now=NOW)
    flat = _pdf(target)[0].replace("\n", "")
    assert "培训效果报告（2025-09-01 至 2025-09-30）" in flat
    assert "班次 1 个，参训 1 人" in flat  # S02 and 00004 only
    assert "谈判能力 无训前训后评分" in flat  # its 2025Q3 review ended on S02's last day: not after


def test_a_name_the_font_cannot_draw_is_refused_first(db: Database, office: Office, tmp_path: Path) -> None:
    with building(db) as s:
        s.get_one(Course, office.course_id).title = "𠮷野谈判"
    with db.read_session() as s:
        item = training_effect_printable(s, year=2025)
    target = tmp_path / "x.pdf"
    with pytest.raises(MissingGlyphs) as refused:
        catalogue.render(db, item, target, now=NOW)
    assert "𠮷" in refused.value.message()
    assert not target.exists()
