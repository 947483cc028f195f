"""The training-effect page as HR and a department head use it: a year's courses with the four levels, sorted
by a header click, the selected course's competency lines and chart, by department, a department filter, dates
the wrong way round, export and print (the print log), and everything read off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from effect_cases import SALES, Office, negotiation_office
from pypdf import PdfReader
from test_no_gui_thread_reads import ReadLog, assert_loaded_without_gui_reads, reads  # noqa: F401
from tests_gui_helpers import DialogAnswers, click_header, shown, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.excel.training_effect import TRAINING_EFFECT_HEADERS
from desktop_hr.models import Role
from desktop_hr.services.archive.organisation import subtree_ids
from desktop_hr.services.records.print_log import print_log
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.development.training_effect_page import TrainingEffectPage
from desktop_hr.views.records import pdf_preview
from desktop_hr.views.records.pdf_preview import Printed

SHOTS = Path("/tmp/effect")


@pytest.fixture
def office(db: Database) -> Office:
    return negotiation_office(db)


def _page(qtbot: Any, db: Database) -> TrainingEffectPage:
    page = shown(qtbot, TrainingEffectPage(db), size=(1200, 760))
    wait_idle(qtbot)
    page.year_spin.setValue(2025)
    wait_idle(qtbot)
    return page


def _column(page: TrainingEffectPage, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_a_years_courses_with_the_four_levels(
    qtbot: Any,
    qtmodeltester: Any,
    db: Database,
    office: Office,
    reads: ReadLog,  # noqa: F811
) -> None:
    page = _page(qtbot, db)
    assert_loaded_without_gui_reads(reads)
    qtmodeltester.check(page.model)
    assert _column(page, 0) == ["C01", "C02"]
    first = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert first == ["C01", "谈判技巧", "", "2", "5", "80.0", "4.0", "66.7%", "69.7", "50.0%", "1", "2/2"]
    assert page.table.isColumnHidden(2)  # no department column by course
    assert page.detail_title.text() == "C01 谈判技巧"
    assert "谈判能力 65.0 → 82.0（未参训 60.7 → 65.3）" in page.lines_label.text()
    assert "沟通能力 70.0 → 75.0" in page.lines_label.text()
    assert "2 / 4" not in page.levels_label.text() and "30" in page.levels_label.text()
    assert [line.competency for line in page.chart.lines()] == ["沟通能力", "谈判能力"]
    assert page.status_label.text() == "2 门课程 · 6 人次参训"

    click_header(qtbot, page.table, 4)  # 参训人数, ascending: 安全生产 (1) first
    assert _column(page, 0) == ["C02", "C01"]
    page.table.selectRow(0)
    assert page.detail_title.text() == "C02 安全生产"
    assert page.lines_label.text() == "结果层：课程未关联能力项"
    assert page.chart.lines() == []

    page.view_combo.setCurrentIndex(page.BY_DEPARTMENT)
    qtmodeltester.check(page.model)
    assert not page.table.isColumnHidden(2)
    assert sorted(zip(_column(page, 2), _column(page, 0), _column(page, 4), strict=True)) == [
        ("总公司/财务部", "C01", "1"),
        ("总公司/销售部", "C01", "4"),
        ("总公司/销售部", "C02", "1"),
    ]
    SHOTS.mkdir(exist_ok=True)
    page.view_combo.setCurrentIndex(page.BY_COURSE)
    click_header(qtbot, page.table, 0)
    page.table.selectRow(0)
    assert page.grab().save(str(SHOTS / "training_effect_page.png"))


def test_a_department_filter_and_dates(qtbot: Any, db: Database, office: Office) -> None:
    page = _page(qtbot, db)
    page.department_combo.setCurrentIndex(page.department_combo.findData(office.sales_id))
    wait_idle(qtbot)
    assert _column(page, 4) == ["4", "1"]
    assert "谈判能力 65.0 → 82.0（未参训 66.0 → 68.0）" in page.lines_label.text()
    page.period_combo.setCurrentIndex(1)
    assert page.from_edit.isVisible() and not page.year_spin.isVisible()
    page.from_edit.setDate(page.from_edit.date().fromString("2025-09-01", "yyyy-MM-dd"))
    page.to_edit.setDate(page.to_edit.date().fromString("2025-09-30", "yyyy-MM-dd"))
    wait_idle(qtbot)
    assert _column(page, 0) == ["C01"] and _column(page, 3) == ["1"]  # S02 only
    page.from_edit.setDate(page.from_edit.date().fromString("2025-10-01", "yyyy-MM-dd"))
    wait_idle(qtbot)
    assert page.model.rowCount() == 0
    assert "2025-10-01" in page.status_label.text() and "2025-09-30" in page.status_label.text()
    assert not page.print_button.isEnabled() and not page.export_button.isEnabled()


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """What went to the (fake) printer: the PDF's text and pages, as the print dialog would send them."""
    drawn: list[tuple[str, int]] = []

    def fake_print(_parent: Any, path: Path, *, title: str = "") -> Printed:
        reader = PdfReader(path)
        drawn.append(("".join(p.extract_text() for p in reader.pages), len(reader.pages)))
        return Printed("测试打印机", len(reader.pages))

    monkeypatch.setattr(pdf_preview, "print_pdf", fake_print)
    return drawn


@pytest.mark.usefixtures("office")
def test_export_and_print(
    qtbot: Any, db: Database, dialog_answers: DialogAnswers, tmp_path: Path, printed: list[tuple[str, int]]
) -> None:
    page = _page(qtbot, db)
    dialog_answers.save_file = str(tmp_path / "effect.xlsx")
    page.export_button.click()
    wait_idle(qtbot)
    rows = [
        tuple(r)
        for r in openpyxl.load_workbook(tmp_path / "effect.xlsx").worksheets[0].iter_rows(values_only=True)
    ]
    assert rows[0] == TRAINING_EFFECT_HEADERS
    assert rows[2][:4] == ("C01", "谈判技巧", 2, 5) and rows[2][8:] == ("谈判能力", 65, 82)

    page.print_button.click()
    wait_idle(qtbot)
    ((text, pages),) = printed
    assert "培训效果报告（2025 年度）" in text and "谈判技巧" in text
    with read_only(db) as session:
        entry = print_log(session)[0]
    assert (entry.document, entry.subject, entry.pages, entry.target) == (
        "training-effect",
        "全部课程",
        pages,
        "测试打印机",
    )


def test_a_head_sees_its_own_departments_only(qtbot: Any, db: Database, office: Office) -> None:
    with read_only(db) as session:
        mine = frozenset(subtree_ids(session, office.sales_id))
    db.principal = Principal(
        name="head", role=Role.DEPARTMENT_HEAD, department_id=office.sales_id, departments=mine
    )
    page = _page(qtbot, db)
    combo = page.department_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [office.sales_id]
    assert combo.itemData(0, 3) == SALES  # the tooltip: its path
    assert _column(page, 4) == ["4", "1"]  # 财务部's attendee is not counted
    assert "谈判能力 65.0 → 82.0（未参训 66.0 → 68.0）" in page.lines_label.text()
