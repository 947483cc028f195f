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
    wait_idle,
)
from training_data import building, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.models import AttendanceStatus
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids
from desktop_hr.services.training.history import (
    TrainingRecordData,
    add_training_record,
    employee_history,
    get_training_record,
)
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
    dialog = loaded_dialog(qtbot, panel, TrainingRecordDialog)  # the recognition table is read first
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


def _save(qtbot: Any, dialog: TrainingRecordDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def _record_id(db: Database, person: int, title: str) -> int:
    with read_only(db) as session:
        row = next(r for r in employee_history(session, person).rows if r.course_title == title)
    assert row.record_id is not None
    return row.record_id


def test_a_learning_form_and_quantity_give_the_hours_from_the_recognition_table(
    qtbot: Any, panel: EmployeeHistoryPanel, db: Database, person: int
) -> None:
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, panel, TrainingRecordDialog)
    type_text(dialog.title_edit, "省级继续教育脱产班")
    dialog.date_edit.setDate(dialog.date_edit.date().fromString("2026-04-08", "yyyy-MM-dd"))
    assert not dialog.quantity_spin.isEnabled()  # no learning form, no quantity
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData("FULL_TIME_DAY"))
    assert dialog.quantity_spin.isEnabled() and dialog.quantity_spin.suffix() == " 天"
    dialog.quantity_spin.setValue(3)
    assert "18" in dialog.recognised_label.text()  # 3 days x 6
    _save(qtbot, dialog)
    assert not is_open(dialog)
    with read_only(db) as session:
        saved = get_training_record(session, _record_id(db, person, "省级继续教育脱产班"))
    assert (saved.learning_form, saved.quantity, saved.hours) == (
        "FULL_TIME_DAY",
        Decimal("3.00"),
        Decimal("18.00"),
    )


def test_editing_a_record_keeps_its_learning_form_and_quantity(
    qtbot: Any, panel: EmployeeHistoryPanel, db: Database, person: int
) -> None:
    """Editing another field of a record with a learning form once cleared the form (data loss)."""
    add_training_record(
        db.uow(),
        person,
        TrainingRecordData("学术年会", date(2026, 5, 1), learning_form="CONFERENCE_DAY", quantity=Decimal(2)),
    )
    panel.refresh()  # written past the operations: nothing told the hub
    wait_idle(qtbot)
    record_id = _record_id(db, person, "学术年会")
    panel.table.selectRow(_row_of(panel, "学术年会"))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, panel, TrainingRecordDialog)
    assert dialog.form_combo.currentData() == "CONFERENCE_DAY"
    assert dialog.quantity_spin.value() == 2
    assert dialog.hours_spin.value() == 0  # the table's hours: they follow the quantity
    assert "12" in dialog.recognised_label.text()
    dialog.score_edit.setText("合格")
    _save(qtbot, dialog)
    with read_only(db) as session:
        saved = get_training_record(session, record_id)
    assert (saved.learning_form, saved.quantity, saved.hours, saved.score) == (
        "CONFERENCE_DAY",
        Decimal("2.00"),
        Decimal("12.00"),
        "合格",
    )

    # A third day: the hours follow.
    panel.table.selectRow(_row_of(panel, "学术年会"))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, panel, TrainingRecordDialog)
    dialog.quantity_spin.setValue(3)
    _save(qtbot, dialog)
    with read_only(db) as session:
        assert get_training_record(session, record_id).hours == Decimal("18.00")


def test_hours_entered_by_hand_are_kept_beside_a_learning_form(
    qtbot: Any, panel: EmployeeHistoryPanel, db: Database, person: int
) -> None:
    add_training_record(
        db.uow(),
        person,
        TrainingRecordData(
            "论文发表", date(2026, 6, 1), hours=Decimal(25), learning_form="PAPER", quantity=Decimal(1)
        ),
    )
    panel.refresh()
    wait_idle(qtbot)
    record_id = _record_id(db, person, "论文发表")
    panel.table.selectRow(_row_of(panel, "论文发表"))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, panel, TrainingRecordDialog)
    assert dialog.hours_spin.value() == 25  # not what the table gives (20): entered, kept
    assert dialog.form_combo.currentData() == "PAPER"
    dialog.credits_spin.setValue(1)
    _save(qtbot, dialog)
    with read_only(db) as session:
        saved = get_training_record(session, record_id)
    assert (saved.learning_form, saved.hours, saved.credits) == ("PAPER", Decimal("25.00"), Decimal("1.00"))
