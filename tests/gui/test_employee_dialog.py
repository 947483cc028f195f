"""The employee dialog's fields and its reviews and goals tabs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from tests_gui_helpers import DialogAnswers, is_open, loaded_dialog, type_text, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import EmployeeStatus, Gender
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids, get_employee
from desktop_hr.services.archive.reviews import goals_of, reviews_of
from desktop_hr.views.archive.employee_dialog import GOALS_TAB, REVIEWS_TAB, EmployeeDialog
from desktop_hr.views.archive.employee_reviews import GoalDialog, ReviewDialog


@pytest.fixture
def employee_id(demo_db: Database) -> int:
    with read_only(demo_db) as session:
        return employee_ids(session, EmployeeQuery())[10]


@pytest.fixture
def dialog(demo_db: Database, employee_id: int, qtbot: Any) -> EmployeeDialog:
    widget = EmployeeDialog(demo_db, employee_id=employee_id)
    qtbot.addWidget(widget)
    widget.show()
    wait_idle(qtbot)  # the fields and the manager completer are read in the background
    return widget


def show_tab(qtbot: Any, dialog: EmployeeDialog, index: int) -> None:
    """A tab of the dialog on screen (its records are read once it is shown)."""
    dialog.tabs.setCurrentIndex(index)
    wait_idle(qtbot)


def test_fields_show_the_employee(dialog: EmployeeDialog, demo_db: Database, employee_id: int) -> None:
    with read_only(demo_db) as session:
        data = get_employee(session, employee_id)
    assert dialog.employee_data().cleaned() == data
    assert not dialog.is_dirty()
    assert dialog.manager_name_label.text()  # the manager's name beside the number
    assert dialog.department_combo.currentText().startswith("总公司/")


def test_leave_date_only_for_people_who_left(dialog: EmployeeDialog) -> None:
    assert not dialog.leave_date_edit.isEnabled()
    dialog.status_combo.set_value(EmployeeStatus.LEFT)
    assert dialog.leave_date_edit.isEnabled()
    assert dialog.leave_date_edit.value() == date.today()
    dialog.status_combo.set_value(EmployeeStatus.ACTIVE)
    assert dialog.leave_date_edit.value() is None


def test_optional_dates_can_be_blank(dialog: EmployeeDialog) -> None:
    dialog.birth_date_edit.set_value(None)
    assert dialog.employee_data().birth_date is None
    dialog.birth_date_edit.set_value(date(1991, 2, 3))
    assert dialog.employee_data().birth_date == date(1991, 2, 3)
    dialog.gender_combo.set_value(Gender.FEMALE)
    assert dialog.gender_combo.currentText() == "女"


def test_add_and_delete_a_review(
    qtbot: Any, dialog: EmployeeDialog, demo_db: Database, employee_id: int, dialog_answers: DialogAnswers
) -> None:
    show_tab(qtbot, dialog, REVIEWS_TAB)
    panel = dialog.reviews_panel
    assert panel is not None
    before = panel.model.rowCount()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    review = loaded_dialog(qtbot, panel, ReviewDialog)
    # Prefilled with the position's core competencies.
    assert review.items_table.rowCount() > 0
    qtbot.keyClicks(review.period_edit, "2026H1")
    review.score_spin.setValue(88)
    qtbot.mouseClick(review.buttons.button(review.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not [d for d in panel.findChildren(ReviewDialog) if d.isVisible()]
    assert panel.model.rowCount() == before + 1
    with read_only(demo_db) as session:
        saved = {r.period: r for r in reviews_of(session, employee_id)}
    assert saved["2026H1"].overall_score == 88
    assert saved["2026H1"].items

    row = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())].index("2026H1")
    panel.table.selectRow(row)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "2026H1" in dialog_answers.texts("question")[-1]
    assert panel.model.rowCount() == before


def test_a_duplicate_review_period_keeps_the_review_dialog_open(
    qtbot: Any, dialog: EmployeeDialog, dialog_answers: DialogAnswers
) -> None:
    show_tab(qtbot, dialog, REVIEWS_TAB)
    panel = dialog.reviews_panel
    assert panel is not None and panel.model.rowCount() > 0
    existing = panel.model.index(0, 0).data()
    panel.add()
    review = loaded_dialog(qtbot, panel, ReviewDialog)
    qtbot.keyClicks(review.period_edit, existing)
    qtbot.mouseClick(review.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert is_open(review)
    assert any("考核期间" in text for text in dialog_answers.texts("warning"))


def test_add_edit_a_goal(
    qtbot: Any, dialog: EmployeeDialog, demo_db: Database, employee_id: int, qtmodeltester: Any
) -> None:
    show_tab(qtbot, dialog, GOALS_TAB)
    panel = dialog.goals_panel
    assert panel is not None
    qtmodeltester.check(panel.model)
    before = panel.model.rowCount()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    goal = loaded_dialog(qtbot, panel, GoalDialog)
    type_text(goal.text_edit, "提升谈判技巧")
    goal.position_combo.setCurrentText("区域经理")
    goal.date_edit.set_value(date(2027, 6, 30))
    qtbot.mouseClick(goal.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert panel.model.rowCount() == before + 1
    with read_only(demo_db) as session:
        goals = goals_of(session, employee_id)
    assert goals[-1].text == "提升谈判技巧"
    assert goals[-1].target_date == date(2027, 6, 30)
    qtmodeltester.check(panel.model)


def test_new_employee_has_reviews_and_goals_disabled(demo_db: Database, qtbot: Any) -> None:
    widget = EmployeeDialog(demo_db)
    qtbot.addWidget(widget)
    assert not widget.tabs.isTabEnabled(1)
    assert not widget.tabs.isTabEnabled(2)
    assert widget.tabs.tabText(1) == "绩效考核"
    assert widget.tabs.tabText(2) == "职业目标"
    wait_idle(qtbot)


def test_review_and_goal_models_are_valid(qtbot: Any, dialog: EmployeeDialog, qtmodeltester: Any) -> None:
    assert dialog.reviews_panel is not None and dialog.goals_panel is not None
    show_tab(qtbot, dialog, REVIEWS_TAB)
    show_tab(qtbot, dialog, GOALS_TAB)
    assert dialog.reviews_panel.model.rowCount() > 0
    qtmodeltester.check(dialog.reviews_panel.model)
    qtmodeltester.check(dialog.goals_panel.model)
    dialog.reviews_panel.refresh()
    dialog.goals_panel.refresh()
    wait_idle(qtbot)
    assert dialog.reviews_panel.model.rowCount() > 0
