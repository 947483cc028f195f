"""The Requirements tab as a clerk uses it: pick a requirement and a year, the met / not-met list by department
with counts, search and filter, sort, export and save as PDF, a record added elsewhere showing at once, a
requirement deleted after a question; and everything read off the GUI thread."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from requirement_cases import attended, course, handed_in, person
from test_no_gui_thread_reads import ReadLog, assert_loaded_without_gui_reads, reads  # noqa: F401
from tests_gui_helpers import DialogAnswers, click_header, shown, type_text, wait_idle
from training_data import building

from desktop_hr.db import Database, read_only
from desktop_hr.excel.requirements import REQUIREMENTS_HEADERS
from desktop_hr.models import PersonnelCategory, SubjectType
from desktop_hr.services.archive.organisation import ensure_department_path
from desktop_hr.services.records.print_log import print_log
from desktop_hr.services.requirements.rules import find_requirement
from desktop_hr.services.training.history import TrainingRecordData, add_training_record
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.requirements.requirements_tab import RequirementsTab

YEAR = 2026
TITLE = "职称评定"  # ≥ 40 hours in the year and ≥ 2 reflections, for professional staff


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """技术部: 1001 王工 meets 职称评定; 1002 李工 has 30 hours and 1 reflection. 财务部: 2001 赵会计 has 40
    hours and no reflection. 3001 管理员 is management staff (the requirement does not apply)."""
    with building(db) as s:
        tech = ensure_department_path(s, "总公司/技术部")
        finance = ensure_department_path(s, "总公司/财务部")
        twenty = course(s, "P20", hours="20", credits="4", subject=SubjectType.PROFESSIONAL)
        ten = course(s, "G10", hours="10", credits="2", subject=SubjectType.GENERAL)
        forty = course(s, "P40", hours="40", credits="8", subject=SubjectType.PROFESSIONAL)
        wang = person(s, "1001", "王工", department_id=tech)
        for day in (date(2026, 3, 2), date(2026, 6, 1)):
            handed_in(s, wang, attended(s, wang, twenty, day))
        li = person(s, "1002", "李工", department_id=tech)
        handed_in(s, li, attended(s, li, twenty, date(2026, 4, 7)))
        attended(s, li, ten, date(2026, 5, 6))
        zhao = person(s, "2001", "赵会计", department_id=finance)
        attended(s, zhao, forty, date(2026, 8, 8))
        person(s, "3001", "管理员", department_id=tech, category=PersonnelCategory.MANAGEMENT)
        return {"tech": tech, "finance": finance, "li": li.id}


@pytest.fixture
def tab(qtbot: Any, db: Database, office: dict[str, int]) -> RequirementsTab:
    widget = shown(qtbot, RequirementsTab(db), size=(1200, 700))
    wait_idle(qtbot)  # the requirements and departments, then the first list
    widget.year_spin.setValue(YEAR)
    choose(qtbot, widget, TITLE)
    return widget


def choose(qtbot: Any, tab: RequirementsTab, name: str) -> None:
    index = tab.requirement_combo.findText(name)
    assert index >= 0, name
    tab.requirement_combo.setCurrentIndex(index)
    wait_idle(qtbot)


def listed(tab: RequirementsTab) -> list[tuple[str, str, str]]:
    """(工号, name, verdict) of each row as shown."""
    model = tab.model
    return [tuple(model.index(row, c).data() for c in (1, 2, 3)) for row in range(model.rowCount())]  # type: ignore[misc]


def test_a_requirement_and_a_year_give_the_list_by_department_with_counts(
    tab: RequirementsTab, qtmodeltester: Any
) -> None:
    qtmodeltester.check(tab.model)
    assert listed(tab) == [("1001", "王工", "达标"), ("1002", "李工", "未达标"), ("2001", "赵会计", "未达标")]
    assert [tab.model.index(r, 0).data() for r in range(3)] == [
        "总公司/技术部",
        "总公司/技术部",
        "总公司/财务部",
    ]
    assert tab.model.index(1, 4).data() == "还差10学时；还差1篇心得"
    assert tab.counts_label.text() == "3 人 · 达标 1 人 · 未达标 2 人（33.3%）"
    assert "专业技术人员" in tab.conditions_label.text() and "学时≥40" in tab.conditions_label.text()


def test_another_year_another_list(qtbot: Any, tab: RequirementsTab) -> None:
    tab.year_spin.setValue(YEAR - 1)
    wait_idle(qtbot)
    assert [verdict for _no, _name, verdict in listed(tab)] == ["未达标"] * 3  # nothing done in 2025
    assert "达标 0 人" in tab.counts_label.text()


def test_search_filter_department_and_sort(qtbot: Any, tab: RequirementsTab) -> None:
    type_text(tab.search_edit, "李")
    qtbot.waitUntil(lambda: [no for no, _n, _v in listed(tab)] == ["1002"], timeout=5000)
    assert "1 人" in tab.counts_label.text()
    tab.search_edit.clear()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: len(listed(tab)) == 3, timeout=5000)

    tab.verdict_combo.setCurrentIndex(tab.verdict_combo.findData(False))  # not met
    wait_idle(qtbot)
    assert [no for no, _n, _v in listed(tab)] == ["1002", "2001"]
    assert tab.counts_label.text().startswith("3 人")  # the counts stay those of everyone

    tab.verdict_combo.setCurrentIndex(0)
    tab.department_combo.setCurrentIndex(tab.department_combo.findData(tab_office(tab)["finance"]))
    wait_idle(qtbot)
    assert [no for no, _n, _v in listed(tab)] == ["2001"]

    tab.department_combo.setCurrentIndex(0)
    wait_idle(qtbot)
    click_header(qtbot, tab.table, 2)  # by name
    click_header(qtbot, tab.table, 2)  # descending
    names = [name for _no, name, _v in listed(tab)]
    assert names == sorted(names, reverse=True)


def tab_office(tab: RequirementsTab) -> dict[str, int]:
    choices = tab._choices
    assert choices is not None
    return {"finance": next(n.id for n in choices.departments if n.path_names == "总公司/财务部")}


def test_a_record_added_elsewhere_updates_the_list_without_a_refresh(
    qtbot: Any, tab: RequirementsTab, db: Database, office: dict[str, int]
) -> None:
    """李工's 10 missing hours arrive as a historical record saved through the worker (the hub tells the tab)."""
    record = TrainingRecordData(
        "省级继续教育", date(2026, 9, 1), hours=Decimal(10), subject=SubjectType.PROFESSIONAL
    )
    run_in_background(
        None, lambda _task: add_training_record(db.uow(), office["li"], record), success=lambda _id: None
    )
    wait_idle(qtbot)
    assert tab.model.index(1, 4).data() == "还差1篇心得"


def test_enter_on_a_row_asks_for_the_person(qtbot: Any, tab: RequirementsTab, office: dict[str, int]) -> None:
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(1, 0))
    with qtbot.waitSignal(tab.employee_requested) as asked:
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert asked.args == [office["li"]]


def test_export_the_list_as_shown(
    qtbot: Any, tab: RequirementsTab, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    tab.verdict_combo.setCurrentIndex(tab.verdict_combo.findData(False))
    wait_idle(qtbot)
    dialog_answers.save_file = str(tmp_path / "list.xlsx")
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == REQUIREMENTS_HEADERS
    assert [r[0] for r in rows[1:]] == ["1002", "2001"]
    assert rows[1][5:] == ["否", "还差10学时；还差1篇心得"]


def test_save_as_pdf_keeps_what_it_said_in_the_print_log(
    qtbot: Any, tab: RequirementsTab, db: Database, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    target = tmp_path / "名单.pdf"
    dialog_answers.save_file = str(target)
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    reader = PdfReader(target)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    assert "2026 年度职称评定达标名单" in text and "赵会计" in text and "人事部门签字" in text
    assert "1 页" in dialog_answers.texts("information")[-1]
    with read_only(db) as s:
        (logged,) = print_log(s)
    assert logged.subject == TITLE and "1002 李工 未达标：还差10学时；还差1篇心得" in logged.details


def test_deleting_a_requirement_asks_first(
    qtbot: Any, tab: RequirementsTab, db: Database, dialog_answers: DialogAnswers
) -> None:
    from PySide6.QtWidgets import QMessageBox

    dialog_answers.questions = [QMessageBox.StandardButton.No]
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with read_only(db) as s:
        assert find_requirement(s, TITLE) is not None  # answered No: kept
    assert TITLE in dialog_answers.texts("question")[-1]

    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)  # Yes this time
    wait_idle(qtbot)
    with read_only(db) as s:
        assert find_requirement(s, TITLE) is None
    assert tab.requirement_combo.findText(TITLE) < 0  # the hub read the choices again
    assert tab.model.rowCount() >= 0 and tab.current_requirement() is not None


def test_the_tab_reads_only_in_the_background(
    qtbot: Any,
    db: Database,
    office: dict[str, int],
    reads: ReadLog,  # noqa: F811
) -> None:
    widget = shown(qtbot, RequirementsTab(db))
    wait_idle(qtbot)
    widget.year_spin.setValue(YEAR)
    choose(qtbot, widget, TITLE)
    type_text(widget.search_edit, "王")
    qtbot.waitUntil(lambda: len(listed(widget)) == 1, timeout=5000)
    widget.refresh()
    wait_idle(qtbot)
    assert listed(widget) == [("1001", "王工", "达标")]
    assert_loaded_without_gui_reads(reads)


def test_an_auditor_reads_exports_and_prints_but_edits_nothing(
    qtbot: Any, db: Database, office: dict[str, int]
) -> None:
    from desktop_hr.models import Role
    from desktop_hr.services.trust.permissions import Principal

    db.principal = Principal(name="audit", role=Role.AUDITOR)
    widget = shown(qtbot, RequirementsTab(db))
    wait_idle(qtbot)
    assert not widget.new_button.isVisible() and not widget.delete_button.isVisible()
    assert widget.edit_button.text() == widget.tr("Open…")
    assert widget.export_button.isVisible() and widget.pdf_button.isVisible()
