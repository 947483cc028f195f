"""The Sessions tab: create through the dialog, validation keeps it open, open the page, cancel, delete, filters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_session_page import START, add_course, add_session
from tests_gui_helpers import DialogAnswers, is_open, loaded_dialog, shown, type_text, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import SessionStatus
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids
from desktop_hr.services.training.enrolment import CURRENT_STATUSES
from desktop_hr.services.training.sessions import SessionQuery, session_rows, session_summary
from desktop_hr.views.exchange.import_dialog import ImportDialog
from desktop_hr.views.training.session_dialog import SessionDialog, _to_qdatetime
from desktop_hr.views.training.sessions_tab import LIST_PAGE, SESSION_PAGE, SessionsTab


def make_tab(qtbot: Any, db: Database) -> SessionsTab:
    tab = shown(qtbot, SessionsTab(db), size=(1200, 700))
    wait_idle(qtbot)  # the list is read in the background once shown
    return tab


def codes(tab: SessionsTab) -> list[str]:
    return [row.code for row in tab.model.items()]


def test_create_a_session_through_the_dialog(qtbot: Any, demo_db: Database) -> None:
    add_course(demo_db, code="ZZ-1", title="时间管理")
    tab = make_tab(qtbot, demo_db)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, tab, SessionDialog)
    assert dialog.code_edit.text().startswith("S")  # a suggested code
    dialog.code_edit.clear()
    type_text(dialog.code_edit, "NEW-01")
    dialog.course_combo.setCurrentIndex(dialog.course_combo.findText("ZZ-1 时间管理"))
    dialog.starts_edit.setDateTime(_to_qdatetime(START))
    assert dialog.ends_edit.dateTime() > dialog.starts_edit.dateTime()
    type_text(dialog.place_edit, "二楼")
    dialog.external_radio.setChecked(True)
    type_text(dialog.external_edit, "外请讲师")
    dialog.capacity_spin.setValue(25)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)
    row = tab.selected_row()
    assert row is not None and row.code == "NEW-01"
    assert (row.course_title, row.place, row.trainer, row.capacity) == ("时间管理", "二楼", "外请讲师", 25)
    assert "NEW-01" in codes(tab)


def test_end_before_start_keeps_the_dialog_open_and_names_the_field(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    add_course(demo_db)
    tab = make_tab(qtbot, demo_db)
    before = len(codes(tab))
    dialog = tab.new_session()
    wait_idle(qtbot)
    dialog.starts_edit.setDateTime(_to_qdatetime(START))
    dialog.ends_edit.setDateTime(_to_qdatetime(START - timedelta(hours=1)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert is_open(dialog)
    box = dialog.boxes["session.ends_at"]
    assert box.error_label.isVisible() and f"{START:%Y-%m-%d} 09:00" in box.error_label.text()
    assert "结束时间" in dialog_answers.texts("warning")[-1]
    assert len(codes(tab)) == before
    dialog.reject()


def test_enter_opens_the_page_and_escape_returns(qtbot: Any, demo_db: Database) -> None:
    session_id = add_session(demo_db, code="OPEN-ME")
    tab = make_tab(qtbot, demo_db)
    assert tab.select_session(session_id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.stack.currentIndex() == SESSION_PAGE
    wait_idle(qtbot)
    assert tab.page.session_id() == session_id and tab.page.fact("code") == "OPEN-ME"
    qtbot.keyClick(tab.page.enrolment_panel.table, Qt.Key.Key_Escape)
    assert tab.stack.currentIndex() == LIST_PAGE
    tab.open_session(session_id)
    qtbot.mouseClick(tab.page.back_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentIndex() == LIST_PAGE


def test_double_click_opens_the_page_and_enrolling_there_updates_the_list(
    qtbot: Any, demo_db: Database
) -> None:
    session_id = add_session(demo_db, code="DBL")
    tab = make_tab(qtbot, demo_db)
    row = tab.model.row_of(session_id)
    assert row is not None
    rect = tab.table.visualRect(tab.model.index(row, 0))
    # A real double-click starts with a press: the view only activates the item that was pressed.
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.stack.currentIndex() == SESSION_PAGE
    with read_only(demo_db) as session:
        ids = employee_ids(session, EmployeeQuery(statuses=CURRENT_STATUSES))[:2]
    tab.page.enrolment_panel.enrol_people(ids)
    wait_idle(qtbot)
    assert tab.page.fact("counts") == "2 / 0 / 0"
    qtbot.mouseClick(tab.page.back_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)  # the list, hidden behind the page, is read again once shown
    listed = tab.model.item(tab.model.row_of(session_id) or 0)
    assert listed.enrolled == 2
    assert tab.selected_session() == session_id


def test_cancel_and_delete_ask_first(qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers) -> None:
    keep = add_session(demo_db, code="KEEP")
    drop = add_session(demo_db, code="DROP")
    tab = make_tab(qtbot, demo_db)
    tab.select_session(keep)
    dialog_answers.questions.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    with read_only(demo_db) as session:
        assert session_summary(session, keep).status is SessionStatus.PLANNED
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "KEEP" in dialog_answers.texts("question")[-1]
    with read_only(demo_db) as session:
        assert session_summary(session, keep).status is SessionStatus.CANCELLED
    assert not tab.cancel_button.isEnabled()

    tab.select_session(drop)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "DROP" in dialog_answers.texts("question")[-1]
    assert "DROP" not in codes(tab) and "KEEP" in codes(tab)


def test_status_menu_opens_enrolment(qtbot: Any, demo_db: Database) -> None:
    session_id = add_session(demo_db, code="STAT")
    tab = make_tab(qtbot, demo_db)
    tab.select_session(session_id)
    tab.status_actions[SessionStatus.OPEN].trigger()
    wait_idle(qtbot)
    row = tab.selected_row()
    assert row is not None and row.status is SessionStatus.OPEN


def test_search_status_and_date_filters(qtbot: Any, demo_db: Database) -> None:
    add_session(demo_db, code="FIND-ME")
    tab = make_tab(qtbot, demo_db)
    type_text(tab.search_edit, "FIND-ME")
    tab.apply_filters()
    wait_idle(qtbot)
    assert codes(tab) == ["FIND-ME"]
    tab.status_filter.set_value(SessionStatus.CANCELLED)
    wait_idle(qtbot)
    assert codes(tab) == []
    tab.status_filter.set_value(None)
    tab.from_edit.set_value(START.date() + timedelta(days=1))
    wait_idle(qtbot)
    assert codes(tab) == []
    tab.from_edit.set_value(START.date())
    wait_idle(qtbot)
    assert codes(tab) == ["FIND-ME"]


def test_header_click_sorts_in_sql(qtbot: Any, demo_db: Database) -> None:
    add_session(demo_db, code="SORT-A", capacity=5)
    add_session(demo_db, code="SORT-B", capacity=50)
    tab = make_tab(qtbot, demo_db)
    type_text(tab.search_edit, "SORT-")
    tab.apply_filters()
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    wait_idle(qtbot)
    assert codes(tab) == ["SORT-A", "SORT-B"]
    tab.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    wait_idle(qtbot)
    assert codes(tab) == ["SORT-B", "SORT-A"]
    with read_only(demo_db) as session:
        everything = session_rows(session, SessionQuery())
    tab.search_edit.clear()
    tab.apply_filters()
    wait_idle(qtbot)
    assert len(codes(tab)) == len(everything)


def test_import_opens_the_sessions_kind(qtbot: Any, demo_db: Database) -> None:
    tab = make_tab(qtbot, demo_db)
    dialog = tab.import_sessions()
    assert isinstance(dialog, ImportDialog) and is_open(dialog)
    assert "培训班次" in dialog.windowTitle()
    dialog.reject()


def test_the_table_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any, demo_db: Database) -> None:
    add_session(demo_db, code="MT-1", capacity=3)
    add_session(demo_db, code="MT-2")
    tab = make_tab(qtbot, demo_db)
    qtmodeltester.check(tab.model)


def test_the_calendar_button_writes_the_shown_range_as_ics(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers, tmp_path: Any
) -> None:
    import icalendar

    add_session(demo_db, code="CAL-ONE")
    tab = make_tab(qtbot, demo_db)
    tab.from_edit.set_value(START.date())
    tab.to_edit.set_value(START.date())
    wait_idle(qtbot)
    target = tmp_path / "培训日历"  # the suffix is added
    dialog_answers.save_file = str(target)
    qtbot.mouseClick(tab.calendar_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    written = tmp_path / "培训日历.ics"
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert "CAL-ONE@desktop-hr" in uids
    with read_only(demo_db) as session:
        shown_rows = session_rows(session, SessionQuery(date_from=START.date(), date_to=START.date()))
    expected = sorted(r.code for r in shown_rows if r.status is not SessionStatus.CANCELLED)
    assert sorted(uid.removesuffix("@desktop-hr") for uid in uids) == expected  # the range shown, no more
    assert any("培训日历.ics" in text for text in dialog_answers.texts("information"))
