"""Importing a roster from the window: every bad row listed, nothing written, then the valid rows only."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from tests_gui_helpers import DialogAnswers, fetch_all, is_open, visible_dialog, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.services.archive.employees import EmployeeQuery, count_employees, find_by_no
from desktop_hr.services.validation import id_card_check_char
from desktop_hr.views.exchange.import_dialog import ImportDialog, ImportErrorModel
from desktop_hr.views.main_window import MainWindow

FIRST17 = "11010519900101123"


def roster(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["员工花名册"])  # a title row above the header, as clerks do
    sheet.append(["工号", "姓名", "身份证号", "部门", "入职日期"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def bad_roster(tmp_path: Path) -> Path:
    good_id = FIRST17 + id_card_check_char(FIRST17)
    wrong = "0" if id_card_check_char(FIRST17) != "0" else "1"
    return roster(
        tmp_path / "花名册.xlsx",
        [
            ["N001", "好一", good_id, "总公司/技术部", date(2020, 5, 1)],
            ["N002", "坏身份证", FIRST17 + wrong, "总公司/技术部", date(2021, 5, 1)],
            ["N003", None, None, "技术部", date(2022, 5, 1)],  # a name only one department has
            ["N004", "好二", None, "总公司/技术部", "2023/6/1"],
        ],
    )


def total(db: Database) -> int:
    with read_only(db) as session:
        return sum(count_employees(session, EmployeeQuery()).values())


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(
    qtbot: Any, demo_db: Database, window: MainWindow, bad_roster: Path, qtmodeltester: Any
) -> None:
    window.import_action.trigger()
    dialog = visible_dialog(window.employees_tab, ImportDialog)
    dialog.file_edit.setText(str(bad_roster))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.pages.currentIndex() == ImportDialog.ERRORS_PAGE
    table = dialog.error_table
    rows = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert rows == ["4", "5"]  # Excel's row numbers: title row 1, header row 2
    columns = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert columns == ["身份证号", "姓名"]
    assert "校验位" in table.model().index(0, 3).data()
    assert "2" in dialog.error_summary.text()
    assert total(demo_db) == 300
    qtmodeltester.check(dialog.error_model)
    qtmodeltester.check(dialog.error_proxy)

    # The table sorts by clicking its header: row numbers as numbers.
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [table.model().index(r, 0).data() for r in range(2)] == ["5", "4"]

    qtbot.mouseClick(dialog.copy_errors_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0].split("\t") == ["行号", "列", "内容", "问题"]
    assert len(copied) == 3

    qtbot.mouseClick(dialog.errors_cancel_button, Qt.MouseButton.LeftButton)
    assert not is_open(dialog)
    assert total(demo_db) == 300


def employees_shown(qtbot: Any, window: MainWindow) -> None:
    """The Employees tab on screen, read (the window opens on the Home tab)."""
    window.tabs.setCurrentWidget(window.employees_tab)
    wait_idle(qtbot)


def test_import_the_valid_rows_only(
    qtbot: Any, demo_db: Database, window: MainWindow, bad_roster: Path
) -> None:
    employees_shown(qtbot, window)
    dialog = window.employees_tab.import_employees()
    dialog.start(bad_roster)
    wait_idle(qtbot)
    assert "2" in dialog.valid_only_button.text()
    qtbot.mouseClick(dialog.valid_only_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.pages.currentIndex() == ImportDialog.RESULT_PAGE
    assert "新增 2 条" in dialog.result_label.text()
    assert total(demo_db) == 302
    with read_only(demo_db) as session:
        assert find_by_no(session, "N001") is not None
        assert find_by_no(session, "N002") is None
    # The tab refreshed: the counts are new.
    assert "共 302 人" in window.counts_label.text()


def test_new_departments_are_created_only_after_a_confirmation_that_lists_them(
    qtbot: Any, demo_db: Database, window: MainWindow, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    path = roster(
        tmp_path / "新部门.xlsx",
        [
            ["N020", "新人乙", None, "总公司/培训中心", date(2025, 1, 2)],
            ["N021", "新人丙", None, "总公司/华南分部/销售不", date(2025, 1, 2)],  # a typo of 销售部
        ],
    )
    employees_shown(qtbot, window)
    dialog = window.employees_tab.import_employees()
    dialog.start(path)
    wait_idle(qtbot)
    assert dialog.pages.currentIndex() == ImportDialog.ERRORS_PAGE
    model = dialog.error_table.model()
    reasons = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert len(reasons) == 2 and all("没有这个部门" in r for r in reasons)
    assert any("是否指 总公司/华南分部/销售部" in r for r in reasons)
    assert dialog.create_departments_button.isVisible()
    assert total(demo_db) == 300

    # Declined: nothing happens.
    dialog_answers.questions = [QMessageBox.StandardButton.No]
    qtbot.mouseClick(dialog.create_departments_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert total(demo_db) == 300 and dialog.pages.currentIndex() == ImportDialog.ERRORS_PAGE
    question = dialog_answers.texts("question")[-1]
    assert "总公司/培训中心" in question and "总公司/华南分部/销售不" in question

    # Confirmed: both departments are created and the people imported.
    qtbot.mouseClick(dialog.create_departments_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.pages.currentIndex() == ImportDialog.RESULT_PAGE
    assert "新建部门：总公司/华南分部/销售不、总公司/培训中心" in dialog.result_label.text()
    assert total(demo_db) == 302
    paths = [
        window.employees_tab.departments.model.path_of(i)
        for i in window.employees_tab.departments.model.department_ids()
    ]
    assert "总公司/培训中心" in paths


def test_a_clean_file_is_imported_at_once(
    qtbot: Any, demo_db: Database, window: MainWindow, tmp_path: Path
) -> None:
    path = roster(tmp_path / "ok.xlsx", [["N010", "新人甲", None, "总公司/技术部", date(2025, 1, 2)]])
    employees_shown(qtbot, window)
    shown_before = window.employees_tab.model.total_matching()
    dialog = window.employees_tab.import_employees()
    dialog.start(path)
    wait_idle(qtbot)
    assert dialog.pages.currentIndex() == ImportDialog.RESULT_PAGE
    assert "新增 1 条" in dialog.result_label.text()
    tab = window.employees_tab
    fetch_all(tab.model)
    assert tab.model.total_matching() == shown_before + 1  # the table refreshed with the newcomer
    assert "N010" in [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]


def test_not_a_spreadsheet_is_a_plain_message(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    dialog = window.employees_tab.import_employees()
    dialog.start(path)
    wait_idle(qtbot)
    assert dialog.pages.currentIndex() == ImportDialog.CHOOSE_PAGE
    assert dialog_answers.texts("warning")


def test_export_the_error_list(
    qtbot: Any, window: MainWindow, bad_roster: Path, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    dialog = window.employees_tab.import_employees()
    dialog.start(bad_roster)
    wait_idle(qtbot)
    dialog_answers.save_file = str(tmp_path / "errors.xlsx")
    qtbot.mouseClick(dialog.export_errors_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(tmp_path / "errors.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("行号", "列", "内容", "问题")
    assert [v[0] for v in values[1:]] == [4, 5]


def test_export_and_template_from_the_file_menu(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    employees_shown(qtbot, window)
    dialog_answers.save_file = str(tmp_path / "out")  # no suffix: .xlsx is added
    window.export_action.trigger()
    wait_idle(qtbot)
    exported = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    shown = window.employees_tab.model.total_matching()
    assert 250 < shown < 300  # the filtered table (active and probation), not everyone
    assert exported.max_row == 1 + shown
    assert any(str(shown) in text for text in dialog_answers.texts("information"))

    dialog_answers.save_file = str(tmp_path / "模板.xlsx")
    window.template_action.trigger()
    wait_idle(qtbot)
    template = openpyxl.load_workbook(tmp_path / "模板.xlsx").active
    headers = next(template.iter_rows(max_row=1, values_only=True))
    assert headers[:2] == ("工号", "姓名")


def test_error_model_is_a_valid_model(qtmodeltester: Any) -> None:
    from desktop_hr.excel.reader import CellError

    model = ImportErrorModel()
    model.set_items(
        [CellError("员工", 3, "姓名", "", "必填"), CellError("员工", 7, "手机", "abc", "应为手机号")]
    )
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "7"
