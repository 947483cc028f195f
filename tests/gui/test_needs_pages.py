"""The needs pool and needs analysis pages as HR and a head use them: the analysis table and its detail, one click
into the pool (and a duplicate refused), export and PDF read back, the pool's new / status / delete, a head's
departments only, an auditor's read-only view; models checked, screenshots taken, reads off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from needs_cases import Office, person, small_office
from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_no_gui_thread_reads import ReadLog, assert_loaded_without_gui_reads, reads  # noqa: F401
from tests_gui_helpers import DialogAnswers, click_header, loaded_dialog, shown, wait_idle
from training_data import building, make_session

from desktop_hr.db import Database, read_only
from desktop_hr.excel.needs_analysis import NEEDS_ANALYSIS_HEADERS
from desktop_hr.models import Role
from desktop_hr.models.development import NeedStatus, TrainingNeed
from desktop_hr.services.development.needs import NeedData, needs, submit_need
from desktop_hr.services.records.print_log import print_log
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views.development.need_dialogs import NeedDialog, NeedStatusDialog
from desktop_hr.views.development.needs_analysis_page import NeedsAnalysisPage
from desktop_hr.views.development.needs_pool_page import NeedsPoolPage

SHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "tmp"  # git-ignored: looked at, not kept


@pytest.fixture
def office(db: Database) -> Office:
    """销售部: 谈判技巧 60, 65, 80 (a need; two goals), 团队培养 90, 85, 88; 华东组: 谈判技巧 72, 75;
    技术部: 团队培养 62, 64 (a need)."""
    built = small_office(db)
    with building(db) as s:
        person(s, built, "001", "销售部", {"2025": {"谈判技巧": 60, "团队培养": 90}}, goals=("提升谈判技巧",))
        person(s, built, "002", "销售部", {"2025": {"谈判技巧": 65, "团队培养": 85}}, target="谈判技巧带头人")
        person(s, built, "003", "销售部", {"2025": {"谈判技巧": 80, "团队培养": 88}})
        person(s, built, "004", "华东组", {"2025": {"谈判技巧": 72}})
        person(s, built, "005", "华东组", {"2025": {"谈判技巧": 75}})
        person(s, built, "006", "技术部", {"2025H2": {"团队培养": 62}}, goals=("团队培养",))
        person(s, built, "007", "技术部", {"2025H2": {"团队培养": 64}})
    return built


def analysis_page(qtbot: Any, db: Database) -> NeedsAnalysisPage:
    page = shown(qtbot, NeedsAnalysisPage(db), size=(1200, 700))
    wait_idle(qtbot)
    return page


def table_rows(page: NeedsAnalysisPage) -> list[tuple[str, str, str, str]]:
    model = page.model
    return [
        tuple(model.index(r, c).data() for c in (0, 1, 2, 8))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def test_the_analysis_lists_needs_with_their_detail_and_all_rows_on_request(
    qtbot: Any, db: Database, office: Office, qtmodeltester: Any
) -> None:
    page = analysis_page(qtbot, db)
    qtmodeltester.check(page.model)
    yes, no = page.model.tr("Yes"), page.model.tr("No")
    assert table_rows(page) == [
        ("总公司/技术部", "团队培养", "63.00", yes),
        ("总公司/销售部", "谈判技巧", "68.33", yes),
    ]
    page.only_needs_check.setChecked(False)
    assert len(table_rows(page)) == 4 and ("总公司/销售部/华东组", "谈判技巧", "73.50", no) in table_rows(
        page
    )
    click_header(qtbot, page.table, 2)  # by mean
    means = [row[2] for row in table_rows(page)]
    assert means in (["63.00", "68.33", "73.50", "87.66"], ["87.66", "73.50", "68.33", "63.00"])
    click_header(qtbot, page.table, 2)  # the other way round
    assert [row[2] for row in table_rows(page)] == means[::-1]
    page.only_needs_check.setChecked(True)
    page.table.selectRow([r[1] for r in table_rows(page)].index("谈判技巧"))
    detail = page.detail.toPlainText()
    assert "N01 商务谈判实务" in detail and "N02" not in detail
    assert "销售部 67% 的人员（2/3 人）将“谈判技巧”列为职业目标" in detail
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "needs_analysis_page.png"))


def test_a_row_goes_into_the_pool_once(
    qtbot: Any, db: Database, office: Office, dialog_answers: DialogAnswers
) -> None:
    page = analysis_page(qtbot, db)
    page.table.selectRow(1)  # 销售部 谈判技巧
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with read_only(db) as s:
        (need,) = needs(s, db.principal)
    assert need.title == "提升谈判技巧（销售部 平均 68.33 分）" and need.status is NeedStatus.NEW
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and len(page.model.item(1).pool) == 1)  # the hub
    page.table.selectRow(1)
    assert "提升谈判技巧（销售部 平均 68.33 分）" in page.detail.toPlainText()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "已有未关闭的需求" in dialog_answers.texts("warning")[-1]
    with read_only(db) as s:
        assert len(needs(s, db.principal)) == 1


def test_export_and_save_as_pdf(
    qtbot: Any, db: Database, office: Office, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    page = analysis_page(qtbot, db)
    dialog_answers.save_file = str(tmp_path / "needs.xlsx")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(tmp_path / "needs.xlsx").active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == NEEDS_ANALYSIS_HEADERS
    assert rows[1:] == [
        ["总公司/技术部", "团队培养", 63, 2, 2, "T01 教练式辅导", 1],
        ["总公司/销售部", "谈判技巧", 68.33, 2, 3, "N01 商务谈判实务", 2],
    ]
    dialog_answers.save_file = str(tmp_path / "需求分析.pdf")
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "需求分析.pdf").pages)
    assert "培训需求分析报告" in text and "68.33" in text and "63.00" in text
    with read_only(db) as s:
        (logged,) = print_log(s)
    assert logged.document == "needs-analysis" and logged.subject == "全部部门"


def test_a_head_analyses_and_adds_only_its_own_departments(qtbot: Any, db: Database, office: Office) -> None:
    db.principal = office.head("销售部")
    page = analysis_page(qtbot, db)
    combo = page.department_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["总公司/销售部", "总公司/销售部/华东组"]
    assert [row[0] for row in table_rows(page)] == ["总公司/销售部"]


def test_the_pool_page_new_status_and_delete(
    qtbot: Any, db: Database, office: Office, dialog_answers: DialogAnswers, qtmodeltester: Any
) -> None:
    with building(db) as s:
        session_id = make_session(s, office.courses["T01"], "S-T01").id
    submit_need(
        db.uow(), NeedData("技术部带教", office.departments["技术部"], office.competencies["团队培养"])
    )
    page = shown(qtbot, NeedsPoolPage(db), size=(1200, 600))
    wait_idle(qtbot)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, page, NeedDialog)
    dialog.title_edit.setText("谈判技巧提升")
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findText("总公司/销售部"))
    dialog.competency_combo.setCurrentIndex(dialog.competency_combo.findText("谈判技巧"))
    dialog.detail_edit.setPlainText("大客户谈判")
    dialog.save()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.model.item(0).title == "谈判技巧提升"

    page.table.selectRow([n.title for n in page.model.items()].index("技术部带教"))
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    status = loaded_dialog(qtbot, page, NeedStatusDialog)
    status.status_combo.set_value(NeedStatus.SCHEDULED)
    status.save()  # no course nor session: refused on the field, nothing written
    wait_idle(qtbot)
    assert status.boxes["need_course"].error_label.text()
    status.session_combo.setCurrentIndex(status.session_combo.findData(session_id))
    status.save()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: any(n.status is NeedStatus.SCHEDULED for n in page.model.items()))
    scheduled = next(n for n in page.model.items() if n.status is NeedStatus.SCHEDULED)
    assert (scheduled.course, scheduled.session) == ("T01 教练式辅导", "S-T01")

    page.table.selectRow(page.model.items().index(scheduled))
    assert not page.delete_button.isEnabled()  # scheduled: close it first
    page.status_combo.set_value(NeedStatus.NEW)
    wait_idle(qtbot)
    assert [n.title for n in page.model.items()] == ["谈判技巧提升"]
    page.table.selectRow(0)
    page.grab().save(str(SHOTS / "needs_pool_page.png"))
    dialog_answers.text_input = ("重复提交", True)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    with read_only(db) as s:
        assert s.query(TrainingNeed).count() == 1


def test_a_head_submits_for_its_departments_only(qtbot: Any, db: Database, office: Office) -> None:
    db.principal = office.head("销售部")
    page = shown(qtbot, NeedsPoolPage(db))
    wait_idle(qtbot)
    assert page.new_button.isVisible()
    assert not page.edit_button.isVisible() and not page.delete_button.isVisible()
    assert not page.status_button.isVisible()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, page, NeedDialog)
    combo = dialog.department_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["总公司/销售部", "总公司/销售部/华东组"]
    assert combo.currentText() == "总公司/销售部"  # its own department chosen for it
    dialog.title_edit.setText("")
    dialog.save()
    wait_idle(qtbot)
    assert dialog.boxes["need_title"].error_label.text()  # required, shown on the field
    dialog.title_edit.setText("华东组带教")
    dialog.save()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_an_auditor_only_reads(qtbot: Any, db: Database, office: Office) -> None:
    submit_need(db.uow(), NeedData("销售", office.departments["销售部"]))
    db.principal = Principal(name="audit", role=Role.AUDITOR)
    pool = shown(qtbot, NeedsPoolPage(db))
    analysis = analysis_page(qtbot, db)
    wait_idle(qtbot)
    assert pool.model.rowCount() == 1
    for hidden in (
        pool.new_button,
        pool.edit_button,
        pool.status_button,
        pool.delete_button,
        analysis.add_button,
    ):
        assert not hidden.isVisible()
    assert analysis.export_button.isVisible() and analysis.print_button.isVisible()


def test_the_pages_read_only_in_the_background(
    qtbot: Any,
    db: Database,
    office: Office,
    reads: ReadLog,  # noqa: F811
) -> None:
    analysis = analysis_page(qtbot, db)
    analysis.department_combo.setCurrentIndex(analysis.department_combo.findText("总公司/销售部"))
    pool = shown(qtbot, NeedsPoolPage(db))
    wait_idle(qtbot)
    pool.refresh()
    wait_idle(qtbot)
    assert [row[0] for row in table_rows(analysis)] == ["总公司/销售部"]
    assert_loaded_without_gui_reads(reads)
