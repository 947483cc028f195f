"""The sign-in kiosk: a scan answers at once (green, orange or red), the count follows, leaving needs the code."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select
from tests_gui_helpers import DialogAnswers, is_open, shown, type_text, wait_idle
from training_data import building, enrol, make_course, make_people, make_session

from desktop_hr.db import Database, read_only
from desktop_hr.models import (
    Attendance,
)
from desktop_hr.views.training.kiosk import SignInKioskDialog

START = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def session_id(db: Database) -> int:
    """安全生产 at 09:00 with 1001 张三 and 1002 李四 enrolled; 1003 王五 only in the archive."""
    with building(db) as s:
        people = make_people(s, {"1001": "张三", "1002": "李四", "1003": "王五"})
        training = make_session(
            s, make_course(s, "C1"), "S1", START, START + timedelta(hours=2), place="3楼会议室"
        )
        enrol(s, training, *people[:2])
        return training.id


def kiosk(
    qtbot: Any, db: Database, session_id: int, *, at: datetime = START, pin: str = ""
) -> SignInKioskDialog:
    dialog = shown(qtbot, SignInKioskDialog(db, session_id, exit_pin=pin, clock=lambda: at))
    wait_idle(qtbot)  # the heading and the count are read in the background
    return dialog  # (the program calls showFullScreen())


def scan(qtbot: Any, dialog: SignInKioskDialog, number: str) -> None:
    type_text(dialog.input_edit, number)
    qtbot.keyClick(dialog.input_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)


def sign_ins(db: Database) -> int:
    with read_only(db) as session:
        return session.scalar(select(func.count()).select_from(Attendance)) or 0


def test_the_kiosk_shows_the_session_in_large_type(qtbot: Any, db: Database, session_id: int) -> None:
    dialog = kiosk(qtbot, db, session_id)
    assert dialog.title_label.text() == "安全生产"
    assert "09:00" in dialog.session_label.text() and "3楼会议室" in dialog.session_label.text()
    assert dialog.input_edit.font().pointSize() >= 40
    assert "0" in dialog.count_label.text() and "2" in dialog.count_label.text()
    assert dialog.input_edit.hasFocus() or dialog.focusProxy() is dialog.input_edit


def test_a_scan_signs_in_shows_green_and_the_count_goes_up(qtbot: Any, db: Database, session_id: int) -> None:
    dialog = kiosk(qtbot, db, session_id, at=START - timedelta(minutes=2))
    before = dialog.count_label.text()
    scan(qtbot, dialog, "1001")
    assert "张三" in dialog.result_label.text() and "08:58" in dialog.result_label.text()
    assert dialog.result_tone() == "ok"
    assert dialog.count_label.text() != before and "1" in dialog.count_label.text()
    assert dialog.input_edit.text() == ""  # ready for the next person
    assert sign_ins(db) == 1
    scan(qtbot, dialog, "1001")  # twice: kept once, the first time shown
    assert "08:58" in dialog.result_label.text() and sign_ins(db) == 1


def test_a_late_scan_shows_orange(qtbot: Any, db: Database, session_id: int) -> None:
    dialog = kiosk(qtbot, db, session_id, at=START + timedelta(minutes=12))
    scan(qtbot, dialog, "1002")
    assert dialog.result_tone() == "late" and "李四" in dialog.result_label.text()
    assert "09:12" in dialog.result_label.text()


@pytest.mark.parametrize(("number", "shown"), [("9999", "9999"), ("1003", "王五")])
def test_unknown_and_not_enrolled_numbers_are_refused_in_red(
    qtbot: Any, db: Database, session_id: int, number: str, shown: str
) -> None:
    dialog = kiosk(qtbot, db, session_id)
    count = dialog.count_label.text()
    scan(qtbot, dialog, number)
    assert dialog.result_tone() == "refused"
    assert shown in dialog.result_label.text()
    assert dialog.count_label.text() == count
    assert sign_ins(db) == 0
    assert dialog.input_edit.text() == ""


def test_leaving_needs_the_exit_code(
    qtbot: Any, db: Database, session_id: int, dialog_answers: DialogAnswers
) -> None:
    dialog = kiosk(qtbot, db, session_id, pin="4321")
    dialog_answers.text_input = ("0000", True)
    qtbot.keyClick(dialog.input_edit, Qt.Key.Key_Escape)
    assert is_open(dialog)
    assert dialog.result_tone() == "refused"
    dialog_answers.text_input = ("", False)  # cancelled
    dialog.close()
    assert is_open(dialog)
    dialog_answers.text_input = ("4321", True)
    qtbot.keyClick(dialog.input_edit, Qt.Key.Key_Escape)
    assert not is_open(dialog)


def test_without_a_code_leaving_asks_for_confirmation(
    qtbot: Any, db: Database, session_id: int, dialog_answers: DialogAnswers
) -> None:
    dialog = kiosk(qtbot, db, session_id)
    dialog_answers.questions = [QMessageBox.StandardButton.No]
    dialog.close()
    assert is_open(dialog) and len(dialog_answers.texts("question")) == 1
    dialog.close()  # the next answer is Yes
    assert not is_open(dialog)
