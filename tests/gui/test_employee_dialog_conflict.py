"""Two clerks with the same employee open: the second save is refused with a message, and nothing typed is lost."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from tests_gui_helpers import DialogAnswers, is_open, type_text, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids, get_employee
from desktop_hr.views.archive.employee_dialog import EmployeeDialog


def test_the_second_dialog_saving_is_refused_and_stays_open_with_its_input(
    demo_db: Database, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    with read_only(demo_db) as session:
        employee_id = employee_ids(session, EmployeeQuery())[3]
        before = get_employee(session, employee_id)
    first, second = (
        EmployeeDialog(demo_db, employee_id=employee_id),
        EmployeeDialog(demo_db, employee_id=employee_id),
    )
    for dialog in (first, second):
        qtbot.addWidget(dialog)
        dialog.show()
    wait_idle(qtbot)

    first.phone_edit.setText("13912345678")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(first)

    second.title_edit.clear()
    type_text(second.title_edit, "冲突测试职称")
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert is_open(second)
    assert dialog_answers.texts("warning")[-1] == (
        f"员工 {before.employee_no} {before.name} 已被其他人修改，请重新打开后再改。"
    )
    assert second.title_edit.text() == "冲突测试职称" and second.is_dirty()
    with read_only(demo_db) as session:
        stored = get_employee(session, employee_id)
    assert stored.phone == "13912345678" and stored.title == before.title  # the first save stands
