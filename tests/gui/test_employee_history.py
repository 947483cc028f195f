"""The employee's training history tab: rows, totals, historical records added, edited and deleted."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from tests_gui_helpers import (
    DialogAnswers,
    is_open,
    loaded_dialog,
    shown,
    type_text,
    visible_dialog,
    wait_idle,
)
from training_data import building, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.models import AttendanceStatus
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids
from desktop_hr.services.training.history import TrainingRecordData, add_training_record, employee_history
from desktop_hr.views.archive.employee_dialog import HISTORY_TAB, EmployeeDialog
from desktop_hr.views.archive.employee_history import EmployeeHistoryPanel, TrainingRecordDialog


@pytest.fixture
def person(db: Database) -> int:
    """Present at one session (3 hours, 1.5 credits), absent from another, one historical record."""
    with building(db) as s:
        employee = make_people(s, {"2001": "孙丽"})[0]
        course = make_course(s, "C1", "高效沟通", hours=Decimal(3), credits=Decimal("1.5"))
        for code, day, status in (
            ("S1", date(2026, 1, 6), AttendanceStatus.PRESENT),
            ("S2", date(2026, 2, 3), AttendanceStatus.ABSENT),
        ):
            sign_in(s, make_session(s, course, code, datetime.combine(day, time(9))), employee, status)
        employee_id = employee.id
    add_training_record(
        db.uow(), employee_id, TrainingRecordData("消防安全", date(2019, 6, 1), Decimal(4), Decimal(2))
    )
    return employee_id


@pytest.fixture
def panel(qtbot: Any, db: Database, person: int) -> EmployeeHistoryPanel:
    widget = EmployeeHistoryPanel(db)
    widget.set_employee(person)
    shown(qtbot, widget)
    wait_idle(qtbot)  # read in the background once shown
    return widget


def _row_of(panel: EmployeeHistoryPanel, text: str) -> int:
    for row in range(panel.model.rowCount()):
        if text in (panel.model.index(row, 2).data(), panel.model.index(row, 3).data()):
            return row
    raise AssertionError(f"no row with {text}")


def test_rows_and_totals(panel: EmployeeHistoryPanel, qtmodeltester: Any) -> None:
    qtmodeltester.check(panel.model)
    model = panel.model
    assert model.rowCount() == 3
    present, absent = _row_of(panel, "S1"), _row_of(panel, "S2")
    assert [model.index(present, c).data() for c in (4, 5, 6)] == ["3", "1.5", "出勤"]
    assert [model.index(absent, c).data() for c in (4, 5, 6)] == ["", "", "缺勤"]  # earns nothing
    record = _row_of(panel, "消防安全")
    assert model.index(record, 3).data() == model.tr("Historical record")
    assert "7" in panel.totals_label.text() and "3.5" in panel.totals_label.text()
    assert "2026" in panel.years_label.text() and "2019" in panel.years_label.text()


def test_only_historical_records_can_be_edited(qtbot: Any, panel: EmployeeHistoryPanel) -> None:
    panel.table.selectRow(_row_of(panel, "S1"))
    assert not panel.edit_button.isEnabled()
    assert not panel.delete_button.isEnabled()
    panel.table.selectRow(_row_of(panel, "消防安全"))
    assert panel.edit_button.isEnabled()
    assert panel.delete_button.isEnabled()


def test_add_edit_and_delete_a_historical_record(
    qtbot: Any, panel: EmployeeHistoryPanel, db: Database, person: int, dialog_answers: DialogAnswers
) -> None:
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(panel, TrainingRecordDialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    # A title is required: the dialog stays open with the reason.
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.isVisible()
    assert "课程名称" in dialog_answers.texts("warning")[-1]
    type_text(dialog.title_edit, "团队建设")
    dialog.date_edit.setDate(dialog.date_edit.date().fromString("2020-05-06", "yyyy-MM-dd"))
    dialog.hours_spin.setValue(2.5)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert panel.model.rowCount() == 4
    assert "9.5" in panel.totals_label.text()

    panel.table.selectRow(_row_of(panel, "团队建设"))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    editing = loaded_dialog(qtbot, panel, TrainingRecordDialog)
    assert editing.title_edit.text() == "团队建设"
    assert editing.hours_spin.value() == 2.5
    editing.credits_spin.setValue(1.25)
    qtbot.mouseClick(editing.buttons.button(editing.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with read_only(db) as session:
        assert employee_history(session, person).credits == Decimal("4.75")

    panel.table.selectRow(_row_of(panel, "团队建设"))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)  # confirmed: the stub answers Yes
    wait_idle(qtbot)
    assert panel.model.rowCount() == 3
    with read_only(db) as session:
        assert employee_history(session, person).hours == Decimal("7.00")


def test_export_the_table(
    qtbot: Any, panel: EmployeeHistoryPanel, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    dialog_answers.save_file = str(tmp_path / "history.xlsx")
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    sheet = openpyxl.load_workbook(tmp_path / "history.xlsx").active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == panel.model.titles()
    assert len(rows) == 1 + 3 + 1  # header, the rows, the total
    assert rows[-1][4:6] == [7, 3.5]


def test_employee_dialog_shows_the_history_with_totals(qtbot: Any, demo_db: Database) -> None:
    with read_only(demo_db) as session:
        employee_id = employee_ids(session, EmployeeQuery())[3]
    add_training_record(
        demo_db.uow(),
        employee_id,
        TrainingRecordData("历史课程", date(2018, 4, 2), Decimal("6.5"), Decimal(3)),
    )
    with read_only(demo_db) as session:
        history = employee_history(session, employee_id)
    dialog = EmployeeDialog(demo_db, employee_id=employee_id)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)
    dialog.tabs.setCurrentIndex(HISTORY_TAB)
    wait_idle(qtbot)  # the history is read once its tab is shown
    panel = dialog.history_panel
    assert panel is not None and dialog.tabs.currentWidget() is panel
    assert panel.model.rowCount() == len(history.rows)
    assert panel.totals_label.text() == panel.tr("Hours total {hours} · Credits total {credits}").format(
        hours=format(history.hours.normalize(), "f"), credits=format(history.credits.normalize(), "f")
    )


def test_a_new_employee_has_no_history_yet(qtbot: Any, db: Database) -> None:
    dialog = EmployeeDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)
    assert dialog.history_panel is None
    assert not dialog.tabs.isTabEnabled(HISTORY_TAB)
