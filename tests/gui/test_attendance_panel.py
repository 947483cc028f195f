"""The sign-in grid: mark rows by key or button, undo with Ctrl+Z, ask before signing in someone not enrolled."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QMessageBox
from tests_gui_helpers import DialogAnswers, is_open, session_panel, type_text, wait_idle
from training_data import building, enrol, make_course, make_people, make_session

from desktop_hr.db import Database, read_only
from desktop_hr.models import (
    AttendanceStatus,
    CourseCategory,
    Department,
    DepartmentKind,
)
from desktop_hr.services.office_settings import grace_minutes
from desktop_hr.services.training.attendance import AttendanceRow, attendance_rows
from desktop_hr.views.training.attendance_panel import AttendancePanel
from desktop_hr.views.training.kiosk import SignInKioskDialog

START = datetime(2026, 3, 2, 14, 0)
ENROLLED = ("2001", "2002", "2003")


@pytest.fixture
def session_id(db: Database) -> int:
    """A 14:00 session with 2001-2003 enrolled and 2009 (周九) not."""
    with building(db) as s:
        department = Department(name="财务部", kind=DepartmentKind.DEPARTMENT)
        names = dict(zip([*ENROLLED, "2009"], ["陈一", "林二", "黄三", "周九"], strict=True))
        people = make_people(s, names, department=department)
        course = make_course(s, "C9", "预算编制", category=CourseCategory.ELECTIVE)
        training = make_session(s, course, "S-0302", START)
        enrol(s, training, *people[:3])
        return training.id


@pytest.fixture
def panel(qtbot: Any, db: Database, session_id: int) -> AttendancePanel:
    widget = AttendancePanel(db)
    widget.clock = lambda: START + timedelta(minutes=3)
    return session_panel(qtbot, widget, session_id)


def rows(db: Database, session_id: int) -> dict[str, AttendanceRow]:
    with read_only(db) as session:
        return {r.employee_no: r for r in attendance_rows(session, session_id)}


def statuses(db: Database, session_id: int) -> dict[str, AttendanceStatus | None]:
    return {no: row.status for no, row in rows(db, session_id).items()}


def select_rows(panel: AttendancePanel, *numbers: str) -> None:
    selection = panel.table.selectionModel()
    selection.clearSelection()
    for row, item in enumerate(panel.model.items()):
        if item.employee_no in numbers:
            selection.select(
                panel.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
    panel.table.setFocus()


def shown_status(panel: AttendancePanel, number: str) -> str:
    row = next(r for r, item in enumerate(panel.model.items()) if item.employee_no == number)
    return str(panel.model.index(row, panel.model.STATUS_COLUMN).data())


def test_the_model_passes_the_model_tester(qtmodeltester: Any, panel: AttendancePanel) -> None:
    assert panel.model.rowCount() == 3
    qtmodeltester.check(panel.model)


def test_keys_and_buttons_mark_the_selected_rows(
    qtbot: Any, db: Database, session_id: int, panel: AttendancePanel
) -> None:
    select_rows(panel, "2001", "2002")
    qtbot.keyClick(panel.table, Qt.Key.Key_L)
    wait_idle(qtbot)
    assert statuses(db, session_id) == {
        "2001": AttendanceStatus.LATE,
        "2002": AttendanceStatus.LATE,
        "2003": None,
    }
    assert shown_status(panel, "2001") == "迟到"
    select_rows(panel, "2003")
    qtbot.mouseClick(panel.status_buttons[AttendanceStatus.EXCUSED], Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert statuses(db, session_id)["2003"] is AttendanceStatus.EXCUSED
    assert "迟到 2" in panel.counts_label.text() and "请假 1" in panel.counts_label.text()
    qtbot.mouseClick(panel.mark_all_button, Qt.MouseButton.LeftButton)  # nobody left unmarked
    wait_idle(qtbot)
    assert statuses(db, session_id)["2003"] is AttendanceStatus.EXCUSED


def test_the_status_cell_offers_the_five_statuses(
    qtbot: Any, db: Database, session_id: int, panel: AttendancePanel
) -> None:
    index = panel.model.index(0, panel.model.STATUS_COLUMN)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = panel.table.findChild(QComboBox, "status_editor")
    assert editor is not None
    assert [editor.itemText(i) for i in range(editor.count())] == ["出勤", "迟到", "缺勤", "请假", "完成"]
    editor.setCurrentIndex(2)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)  # committed queued
    wait_idle(qtbot)
    assert statuses(db, session_id)["2001"] is AttendanceStatus.ABSENT


def test_ctrl_z_undoes_a_mistaken_mark(
    qtbot: Any, db: Database, session_id: int, panel: AttendancePanel
) -> None:
    qtbot.mouseClick(panel.mark_all_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    select_rows(panel, "2002")
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    wait_idle(qtbot)
    assert statuses(db, session_id)["2002"] is AttendanceStatus.ABSENT
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert statuses(db, session_id)["2002"] is AttendanceStatus.PRESENT
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)  # and the mark-all before it
    wait_idle(qtbot)
    assert set(statuses(db, session_id).values()) == {None}
    select_rows(panel, "2001")
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    wait_idle(qtbot)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # a mark cleared by mistake comes back too
    wait_idle(qtbot)
    assert statuses(db, session_id)["2001"] is None
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert statuses(db, session_id)["2001"] is AttendanceStatus.PRESENT


def test_sign_in_by_number_uses_the_time_and_the_grace(
    qtbot: Any, db: Database, session_id: int, panel: AttendancePanel
) -> None:
    panel.grace_spin.setValue(5)
    wait_idle(qtbot)
    with read_only(db) as session:
        assert grace_minutes(session) == 5
    type_text(panel.entry_edit, "2003")
    qtbot.keyClick(panel.entry_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert rows(db, session_id)["2003"].status is AttendanceStatus.PRESENT  # 14:03, within the grace
    assert rows(db, session_id)["2003"].signed_in_at == START + timedelta(minutes=3)
    assert "黄三" in panel.message_label.text()
    type_text(panel.entry_edit, "8888")
    qtbot.keyClick(panel.entry_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert "8888" in panel.message_label.text()


def test_someone_not_enrolled_is_signed_in_only_after_asking(
    qtbot: Any, db: Database, session_id: int, panel: AttendancePanel, dialog_answers: DialogAnswers
) -> None:
    dialog_answers.questions = [QMessageBox.StandardButton.No]
    type_text(panel.entry_edit, "2009")
    qtbot.keyClick(panel.entry_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert "周九" in dialog_answers.texts("question")[0]
    assert "2009" not in rows(db, session_id)
    type_text(panel.entry_edit, "2009")
    qtbot.keyClick(panel.entry_edit, Qt.Key.Key_Return)  # Yes this time
    wait_idle(qtbot)
    signed = rows(db, session_id)["2009"]
    assert signed.enrolled and signed.status is AttendanceStatus.LATE  # 14:03, no grace
    assert panel.model.rowCount() == 4


def test_the_kiosk_button_asks_for_an_exit_code_and_opens_the_kiosk(
    qtbot: Any, panel: AttendancePanel, dialog_answers: DialogAnswers
) -> None:
    dialog_answers.text_input = ("12a4", True)
    qtbot.mouseClick(panel.kiosk_button, Qt.MouseButton.LeftButton)
    assert panel.kiosk is None and dialog_answers.texts("information")  # not 4 digits
    dialog_answers.text_input = ("1234", True)
    qtbot.mouseClick(panel.kiosk_button, Qt.MouseButton.LeftButton)
    kiosk = panel.kiosk
    assert isinstance(kiosk, SignInKioskDialog) and is_open(kiosk)
    assert kiosk.isFullScreen() or kiosk.windowState() & Qt.WindowState.WindowFullScreen
    kiosk.reject()  # the same code lets the clerk out
    assert not is_open(kiosk)
