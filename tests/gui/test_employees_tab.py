"""The Employees tab as a clerk uses it: search, tree, filters, sort, create, edit and undo, leave, delete."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from tests_gui_helpers import (
    DialogAnswers,
    click_header,
    fetch_all,
    is_open,
    loaded_dialog,
    type_text,
    visible_dialog,
    wait_idle,
)

from desktop_hr.db import Database, read_only
from desktop_hr.models import EmployeeStatus
from desktop_hr.services.archive.employees import (
    COLUMNS,
    EmployeeData,
    EmployeeQuery,
    count_employees,
    create_employee,
    employee_ids,
    employee_rows,
    get_employee,
    update_employee,
)
from desktop_hr.services.validation import id_card_check_char
from desktop_hr.views.archive.department_model import DEPARTMENT_ID_ROLE, PATH_ROLE
from desktop_hr.views.archive.employee_dialog import EmployeeDialog
from desktop_hr.views.archive.employee_table_model import EMPLOYEE_ID_ROLE
from desktop_hr.views.archive.employees_tab import EmployeesTab, LeaveDateDialog
from desktop_hr.views.main_window import MainWindow


@pytest.fixture
def tab(window: MainWindow, qtbot: Any) -> EmployeesTab:
    window.tabs.setCurrentWidget(window.employees_tab)  # the window opens on the Home tab
    wait_idle(qtbot)  # the tab reads its tree and table once shown
    return window.employees_tab


def column_values(tab: EmployeesTab, key: str) -> list[str]:
    fetch_all(tab.model)
    column = COLUMNS.index(key)
    return [tab.model.index(row, column).data() for row in range(tab.model.rowCount())]


def row_of_no(tab: EmployeesTab, employee_no: str) -> int:
    values = column_values(tab, "employee_no")
    return values.index(employee_no)


def click_row(qtbot: Any, tab: EmployeesTab, row: int, *, double: bool = False) -> None:
    index = tab.model.index(row, COLUMNS.index("name"))
    tab.table.scrollTo(index)
    position = tab.table.visualRect(index).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    if double:
        # A real double click starts with a press: the view only activates the item it saw pressed.
        qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)


def test_search_narrows_the_table_and_the_status_bar_count(
    qtbot: Any, window: MainWindow, tab: EmployeesTab, demo_db: Database
) -> None:
    assert "共 300 人" in window.counts_label.text()
    shown_before = tab.model.total_matching()
    assert f"当前显示 {shown_before}" in window.counts_label.text()
    first = tab.model.index(11, COLUMNS.index("employee_no")).data()  # someone the table shows
    qtbot.keyClicks(tab.search_edit, first)
    # That 工号, plus anyone whose phone happens to contain those digits; the table shows the same
    # people as the active+probation query, in 工号 order.
    statuses = frozenset({EmployeeStatus.ACTIVE, EmployeeStatus.PROBATION})
    with read_only(demo_db) as session:
        ids = employee_ids(session, EmployeeQuery(text=first, statuses=statuses))
        expected = [row.employee_no for row in employee_rows(session, ids)]
    assert first in expected and len(expected) < 5
    qtbot.waitUntil(lambda: tab.model.total_matching() == len(expected))
    assert column_values(tab, "employee_no") == expected
    assert f"当前显示 {len(expected)}" in window.counts_label.text()
    assert "共 300 人" in window.counts_label.text()

    tab.search_edit.clear()
    qtbot.waitUntil(lambda: tab.model.total_matching() == shown_before)


def test_search_by_name_and_phone(qtbot: Any, tab: EmployeesTab) -> None:
    name = tab.model.index(3, COLUMNS.index("name")).data()
    phone = tab.model.index(3, COLUMNS.index("phone")).data()
    type_text(tab.search_edit, name)
    qtbot.waitUntil(lambda: tab.model.total_matching() < 50)
    assert all(name in value for value in column_values(tab, "name"))
    tab.search_edit.setText(phone[-6:])
    qtbot.waitUntil(lambda: phone in column_values(tab, "phone") and tab.model.total_matching() < 5)


def test_selecting_a_branch_shows_its_whole_subtree(qtbot: Any, demo_db: Database, tab: EmployeesTab) -> None:
    tree = tab.departments.tree
    model = tab.departments.model
    branch = next(
        model.index_of(i)
        for i in model.department_ids()
        if model.index_of(i).data(PATH_ROLE) == "总公司/华东分部"
    )
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(branch).center())
    wait_idle(qtbot)
    departments = column_values(tab, "department")
    assert departments
    assert all(d.startswith("总公司/华东分部/") for d in departments)
    assert {d.split("/")[2] for d in departments} == {"销售部", "市场部"}
    with read_only(demo_db) as session:
        expected = count_employees(
            session,
            EmployeeQuery(
                department_id=branch.data(DEPARTMENT_ID_ROLE), statuses=tab.current_query().statuses
            ),
        )
    assert tab.model.total_matching() == sum(expected.values())

    everyone = model.index_of(None)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(everyone).center())
    assert tab.current_query().department_id is None


def test_status_filter_shows_people_who_left(qtbot: Any, tab: EmployeesTab, window: MainWindow) -> None:
    assert "离职" not in column_values(tab, "status")
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("left"))
    wait_idle(qtbot)
    statuses = set(column_values(tab, "status"))
    assert statuses == {"离职"}
    left_total = window.counts_label.text().split("离职 ")[1].split(" ")[0]
    assert f"当前显示 {left_total}" in window.counts_label.text()
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("all"))
    wait_idle(qtbot)
    assert tab.model.total_matching() == 300


def test_clicking_a_header_sorts_in_sql(qtbot: Any, tab: EmployeesTab) -> None:
    column = COLUMNS.index("hire_date")
    click_header(qtbot, tab.table, column)
    assert tab.model.query.sort == "hire_date"
    wait_idle(qtbot)
    dates = [d for d in column_values(tab, "hire_date") if d]
    assert dates == sorted(dates)
    click_header(qtbot, tab.table, column)
    assert tab.model.query.descending
    wait_idle(qtbot)
    dates = [d for d in column_values(tab, "hire_date") if d]
    assert dates == sorted(dates, reverse=True)


def test_create_an_employee_through_the_dialog(qtbot: Any, window: MainWindow, tab: EmployeesTab) -> None:
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, tab, EmployeeDialog)
    qtbot.keyClicks(dialog.employee_no_edit, "T9001")
    type_text(dialog.name_edit, "测试员")
    qtbot.keyClicks(dialog.phone_edit, "13800138000")
    dialog.position_combo.setCurrentText("培训专员")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert "共 301 人" in window.counts_label.text()
    row = row_of_no(tab, "T9001")
    assert tab.model.index(row, COLUMNS.index("name")).data() == "测试员"
    assert tab.model.index(row, COLUMNS.index("position")).data() == "培训专员"
    assert tab.table.selectionModel().isRowSelected(row, QModelIndex())


def test_edit_then_undo_and_redo(qtbot: Any, window: MainWindow, tab: EmployeesTab) -> None:
    name_column = COLUMNS.index("name")
    original = tab.model.index(2, name_column).data()
    click_row(qtbot, tab, 2, double=True)
    dialog = loaded_dialog(qtbot, tab, EmployeeDialog)
    dialog.name_edit.clear()
    type_text(dialog.name_edit, "新名字")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter saves
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert tab.model.index(2, name_column).data() == "新名字"
    assert window.undo_stack.canUndo()

    window.undo_action.trigger()
    wait_idle(qtbot)
    assert tab.model.index(2, name_column).data() == original
    window.redo_action.trigger()
    wait_idle(qtbot)
    assert tab.model.index(2, name_column).data() == "新名字"


def test_undo_after_another_clerks_edit_is_refused_and_keeps_their_change(
    qtbot: Any, window: MainWindow, tab: EmployeesTab, dialog_answers: DialogAnswers
) -> None:
    name_column = COLUMNS.index("name")
    click_row(qtbot, tab, 2, double=True)
    dialog = loaded_dialog(qtbot, tab, EmployeeDialog)
    dialog.name_edit.clear()
    type_text(dialog.name_edit, "新名字")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    employee_id = tab.model.index(2, name_column).data(EMPLOYEE_ID_ROLE)
    # Another clerk, at another PC, changes the phone number of the same person.
    with read_only(window.db) as session:
        theirs = get_employee(session, employee_id)
    update_employee(window.db.uow(), employee_id, replace(theirs, phone="13900000000"))

    window.undo_action.trigger()
    wait_idle(qtbot)
    assert "已被其他人修改" in dialog_answers.texts("warning")[-1]
    with read_only(window.db) as session:
        kept = get_employee(session, employee_id)
    assert (kept.name, kept.phone) == ("新名字", "13900000000")


def test_a_bad_id_number_keeps_the_dialog_open_and_names_the_field(
    qtbot: Any, tab: EmployeesTab, dialog_answers: DialogAnswers
) -> None:
    first17 = "11010519900101123"
    wrong = "0" if id_card_check_char(first17) != "0" else "1"
    tab.new_employee()
    dialog = loaded_dialog(qtbot, tab, EmployeeDialog)
    qtbot.keyClicks(dialog.employee_no_edit, "T9002")
    type_text(dialog.name_edit, "校验错")
    qtbot.keyClicks(dialog.id_card_edit, first17 + wrong)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert is_open(dialog)
    error = dialog.boxes["id_card_no"].error_label
    assert "校验位" in error.text()
    assert not error.isHidden()
    assert dialog.id_card_edit.text() == first17 + wrong  # nothing typed is lost
    assert any("身份证号" in text for text in dialog_answers.texts("warning"))
    assert tab.model.row_of(-1) is None
    # Correcting the field clears its message.
    dialog.id_card_edit.setText(first17 + id_card_check_char(first17))
    assert error.isHidden()


def test_escape_with_unsaved_changes_asks_first(
    qtbot: Any, tab: EmployeesTab, dialog_answers: DialogAnswers
) -> None:
    from PySide6.QtWidgets import QMessageBox

    tab.new_employee()
    dialog = loaded_dialog(qtbot, tab, EmployeeDialog)
    type_text(dialog.name_edit, "半途")
    dialog_answers.questions.append(QMessageBox.StandardButton.No)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert is_open(dialog)
    assert dialog_answers.texts("question")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # default answer: Yes, discard
    assert not is_open(dialog)


def test_deleting_a_referenced_employee_is_refused(
    qtbot: Any, tab: EmployeesTab, dialog_answers: DialogAnswers
) -> None:
    click_row(qtbot, tab, 0)
    employee_id = tab.selected_employee()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    wait_idle(qtbot)
    assert dialog_answers.texts("question"), "asks for confirmation first"
    refusal = dialog_answers.texts("warning")
    assert refusal and "不能删除" in refusal[-1] and "离职" in refusal[-1]
    assert tab.model.row_of(employee_id) == 0


def test_deleting_an_unreferenced_employee(qtbot: Any, demo_db: Database, tab: EmployeesTab) -> None:
    new_id = create_employee(demo_db.uow(), EmployeeData(employee_no="00000", name="误录入"))
    tab.refresh()  # written behind the window's back, as another seat would: F5
    wait_idle(qtbot)
    assert tab.select_employee(new_id)
    assert tab.selected_employee() == new_id
    tab.delete_action.trigger()
    wait_idle(qtbot)
    assert tab.model.row_of(new_id) is None


def test_mark_as_left_asks_the_date_and_can_be_undone(
    qtbot: Any, window: MainWindow, tab: EmployeesTab
) -> None:
    click_row(qtbot, tab, 4)
    employee_id = tab.selected_employee()
    tab.leave_action.trigger()
    dialog = visible_dialog(tab, LeaveDateDialog)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    # The default filter hides people who left: the row goes, the counts follow.
    assert tab.model.row_of(employee_id) is None
    window.undo_action.trigger()
    wait_idle(qtbot)
    assert tab.model.row_of(employee_id) == 4
    assert tab.model.index(4, COLUMNS.index("status")).data() != "离职"


def test_rehire_someone_who_left(qtbot: Any, tab: EmployeesTab) -> None:
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("all"))
    wait_idle(qtbot)
    statuses = column_values(tab, "status")
    row = statuses.index("离职")
    employee_id = tab.model.index(row, 0).data(EMPLOYEE_ID_ROLE)
    click_row(qtbot, tab, row)
    tab.rehire_action.trigger()
    wait_idle(qtbot)
    assert tab.model.index(tab.model.row_of(employee_id) or 0, COLUMNS.index("status")).data() == "在职"
    assert tab.model.index(tab.model.row_of(employee_id) or 0, COLUMNS.index("leave_date")).data() == ""


def test_ctrl_f_focuses_the_search_box(qtbot: Any, window: MainWindow, tab: EmployeesTab) -> None:
    window.activateWindow()
    window.find_action.trigger()
    assert tab.search_edit.hasFocus() or window.focusWidget() is tab.search_edit


def test_status_values_of_rows_match_the_enum(tab: EmployeesTab) -> None:
    assert set(column_values(tab, "status")) <= {"在职", "试用"}
    assert EmployeeStatus.LEFT not in tab.current_query().statuses
