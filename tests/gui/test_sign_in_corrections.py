"""Sign-ins only while a session runs, as the clerk sees it: the kiosk refuses in red naming the session, its
times and the time now; the typed line asks for a correction with a reason; the window is set beside the grace."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select
from tests_gui_helpers import DialogAnswers, is_open, session_panel, shown, type_text, wait_idle
from training_data import building, enrol, make_course, make_people, make_session

from desktop_hr.db import Database, read_only
from desktop_hr.models import Attendance, AttendanceStatus, AuditEntry, PointEntry
from desktop_hr.services.office_settings import sign_in_window_minutes
from desktop_hr.services.training.attendance import set_attendance
from desktop_hr.views.training.attendance_panel import AttendancePanel
from desktop_hr.views.training.correction_dialog import SignInCorrectionDialog
from desktop_hr.views.training.kiosk import SignInKioskDialog

START = datetime(2026, 3, 2, 9, 0)
END = datetime(2026, 3, 2, 11, 0)
SCREENSHOTS = Path(os.environ.get("DESKTOP_HR_SCREENSHOTS", "/tmp/desktop_hr_screens"))


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """安全生产 S1 on 03-02 09:00–11:00 in 3楼会议室: 1001 张三 and 1002 李四 enrolled, 1009 周九 not;
    the session's id under "session"."""
    with building(db) as s:
        found = make_people(s, {"1001": "张三", "1002": "李四", "1009": "周九"})
        training = make_session(s, make_course(s, "C1"), "S1", START, END, place="3楼会议室")
        enrol(s, training, *found[:2])
        return {"session": training.id, **{p.employee_no: p.id for p in found}}


def status_of(db: Database, employee_id: int) -> tuple[AttendanceStatus, datetime | None] | None:
    with read_only(db) as session:
        row = session.scalar(select(Attendance).where(Attendance.employee_id == employee_id))
        return None if row is None else (row.status, row.signed_in_at)


def points_of(db: Database, employee_id: int) -> int:
    with read_only(db) as session:
        return int(
            session.scalar(select(func.sum(PointEntry.points)).where(PointEntry.employee_id == employee_id))
            or 0
        )


def reasons(db: Database) -> list[str]:
    with read_only(db) as session:
        return list(
            session.scalars(
                select(AuditEntry.reason).where(
                    AuditEntry.table_name == "attendance", AuditEntry.reason != ""
                )
            )
        )


def save_shot(widget: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))
    return path


# ---- the kiosk ---------------------------------------------------------------------------------------


def scan_at(qtbot: Any, db: Database, session_id: int, at: datetime, number: str) -> SignInKioskDialog:
    dialog = shown(qtbot, SignInKioskDialog(db, session_id, clock=lambda: at), size=(1280, 800))
    wait_idle(qtbot)
    type_text(dialog.input_edit, number)
    qtbot.keyClick(dialog.input_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    return dialog


def test_a_kiosk_left_open_refuses_13_days_later_and_the_hand_set_absence_stays(
    qtbot: Any, db: Database, people: dict[str, int]
) -> None:
    set_attendance(db.uow(), people["session"], people["1001"], AttendanceStatus.ABSENT)
    dialog = scan_at(qtbot, db, people["session"], END + timedelta(days=13, minutes=25), "1001")
    text = dialog.result_label.text()
    assert dialog.result_tone() == "refused"
    assert "现在是 2026-03-15 11:25" in text
    assert "S1" in text and "安全生产" in text and "2026-03-02 09:00–11:00" in text and "已结束" in text
    assert status_of(db, people["1001"]) == (AttendanceStatus.ABSENT, None)
    assert points_of(db, people["1001"]) == 0
    assert "0" in dialog.count_label.text()  # nobody counted as signed in
    save_shot(dialog, "kiosk_refusal_after_end.png")


def test_the_kiosk_refuses_before_the_window_opens(qtbot: Any, db: Database, people: dict[str, int]) -> None:
    dialog = scan_at(qtbot, db, people["session"], START - timedelta(minutes=61), "1002")
    assert dialog.result_tone() == "refused"
    assert "现在是 2026-03-02 07:59" in dialog.result_label.text()
    assert "2026-03-02 08:00 起方可签到" in dialog.result_label.text()
    assert status_of(db, people["1002"]) is None
    save_shot(dialog, "kiosk_refusal_too_early.png")


def test_the_kiosk_says_hr_marked_the_person_on_leave(
    qtbot: Any, db: Database, people: dict[str, int]
) -> None:
    set_attendance(db.uow(), people["session"], people["1002"], AttendanceStatus.EXCUSED)
    dialog = scan_at(qtbot, db, people["session"], START - timedelta(minutes=5), "1002")
    assert dialog.result_tone() == "refused"
    assert "李四" in dialog.result_label.text() and "请假" in dialog.result_label.text()
    assert "人事" in dialog.result_label.text()
    assert status_of(db, people["1002"]) == (AttendanceStatus.EXCUSED, None)
    save_shot(dialog, "kiosk_refusal_on_leave.png")


# ---- the grid's typed line ---------------------------------------------------------------------------


def panel_at(qtbot: Any, db: Database, session_id: int, at: datetime) -> AttendancePanel:
    widget = AttendancePanel(db)
    widget.clock = lambda: at
    widget.resize(1100, 500)
    return session_panel(qtbot, widget, session_id)


def type_number(qtbot: Any, panel: AttendancePanel, number: str) -> None:
    type_text(panel.entry_edit, number)
    qtbot.keyClick(panel.entry_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)


def open_correction(panel: AttendancePanel) -> SignInCorrectionDialog:
    dialog = panel.correction_dialog
    assert dialog is not None and is_open(dialog)
    return dialog


def record(qtbot: Any, dialog: SignInCorrectionDialog, reason: str) -> None:
    dialog.reason_edit.clear()
    type_text(dialog.reason_edit, reason)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)


def test_the_evening_before_the_typed_line_asks_for_a_correction_with_a_reason(
    qtbot: Any, db: Database, people: dict[str, int]
) -> None:
    evening = datetime(2026, 3, 1, 19, 40)
    panel = panel_at(qtbot, db, people["session"], evening)
    type_number(qtbot, panel, "1001")
    dialog = open_correction(panel)
    problem = dialog.problem_label.text()
    assert "2026-03-01 19:40" in problem and "S1" in problem and "2026-03-02 08:00 起方可签到" in problem
    assert "未签到" in panel.message_label.text()
    assert status_of(db, people["1001"]) is None  # nothing written while the dialog asks
    save_shot(dialog, "sign_in_correction_dialog.png")

    record(qtbot, dialog, "   ")  # no reason: refused under the field, the dialog stays
    assert is_open(dialog)
    assert dialog.boxes["correction_reason"].error_label.isVisible()
    assert "原因" in dialog.boxes["correction_reason"].error_label.text()
    assert status_of(db, people["1001"]) is None
    save_shot(dialog, "sign_in_correction_dialog_no_reason.png")

    record(qtbot, dialog, "次日早班，提前在纸质签到表签名")
    assert not is_open(dialog)
    assert status_of(db, people["1001"]) == (AttendanceStatus.PRESENT, evening)
    assert reasons(db) == ["次日早班，提前在纸质签到表签名"]
    assert "张三" in panel.message_label.text()
    panel.undo_stack.undo()  # a correction is undone like any sign-in
    wait_idle(qtbot)
    assert status_of(db, people["1001"]) is None


def test_cancelling_the_correction_writes_nothing(
    qtbot: Any, db: Database, people: dict[str, int], dialog_answers: DialogAnswers
) -> None:
    panel = panel_at(qtbot, db, people["session"], END + timedelta(days=1))
    set_attendance(db.uow(), people["session"], people["1002"], AttendanceStatus.ABSENT)
    wait_idle(qtbot)
    type_number(qtbot, panel, "1002")
    dialog = open_correction(panel)
    assert (
        "缺勤" in dialog.problem_label.text() and "已于 2026-03-02 11:00 结束" in dialog.problem_label.text()
    )
    dialog.reject()  # nothing typed: closes without asking
    assert not is_open(dialog) and not dialog_answers.shown
    assert status_of(db, people["1002"]) == (AttendanceStatus.ABSENT, None)
    assert reasons(db) == []


def test_someone_hr_marked_absent_is_signed_in_only_by_a_correction(
    qtbot: Any, db: Database, people: dict[str, int]
) -> None:
    at = START + timedelta(minutes=25)
    panel = panel_at(qtbot, db, people["session"], at)
    set_attendance(db.uow(), people["session"], people["1002"], AttendanceStatus.ABSENT)
    wait_idle(qtbot)
    type_number(qtbot, panel, "1002")
    dialog = open_correction(panel)
    assert "李四（1002）已由人事标记为“缺勤”" in dialog.problem_label.text()
    record(qtbot, dialog, "误标缺勤，本人实际迟到到场")
    assert status_of(db, people["1002"]) == (AttendanceStatus.LATE, at)
    assert reasons(db) == ["误标缺勤，本人实际迟到到场"]
    panel.undo_stack.undo()
    wait_idle(qtbot)
    assert status_of(db, people["1002"]) == (AttendanceStatus.ABSENT, None)


def test_someone_not_enrolled_typed_after_the_end_is_asked_about_both(
    qtbot: Any, db: Database, people: dict[str, int], dialog_answers: DialogAnswers
) -> None:
    dialog_answers.questions = [QMessageBox.StandardButton.Yes]
    at = END + timedelta(hours=2)
    panel = panel_at(qtbot, db, people["session"], at)
    type_number(qtbot, panel, "1009")
    assert "周九" in dialog_answers.texts("question")[0]
    dialog = open_correction(panel)
    assert "2026-03-02 13:00" in dialog.problem_label.text()
    assert status_of(db, people["1009"]) is None
    record(qtbot, dialog, "外单位借调人员，会后补录")
    assert status_of(db, people["1009"]) == (AttendanceStatus.LATE, at)
    assert reasons(db) == ["外单位借调人员，会后补录"]


def test_the_window_is_set_beside_the_grace(qtbot: Any, db: Database, people: dict[str, int]) -> None:
    panel = panel_at(qtbot, db, people["session"], START)
    assert panel.window_spin.value() == 60 and panel.window_spin.isEnabled()
    panel.window_spin.setValue(30)
    wait_idle(qtbot)
    with read_only(db) as session:
        assert sign_in_window_minutes(session) == 30
    panel.clock = lambda: START - timedelta(minutes=31)
    type_number(qtbot, panel, "1001")
    assert open_correction(panel) is not None
    save_shot(panel, "attendance_panel_window.png")
