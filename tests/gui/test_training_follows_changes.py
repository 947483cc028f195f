"""One way in, one way out: a write made anywhere in the window reaches the Employees, Courses and Sessions
tabs and an open session page through the hub, with nobody pressing Refresh; F5 reloads what changed
behind the window's back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from tests_gui_helpers import is_open, loaded_dialog, type_text, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import CourseCategory
from desktop_hr.services.archive.employees import (
    COLUMNS,
    EmployeeData,
    EmployeeQuery,
    create_employee,
    employee_ids,
    employee_rows,
    get_employee,
    update_employee,
)
from desktop_hr.services.training.courses import CourseData, create_course
from desktop_hr.services.training.enrolment import CURRENT_STATUSES, enrol
from desktop_hr.services.training.sessions import SessionData, create_session
from desktop_hr.views.archive.employee_dialog import EmployeeDialog
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.training.session_dialog import SessionDialog, _to_qdatetime

# Enrolment deadlines are checked against the real today: keep the session ahead of it.
START = datetime.combine(date.today() + timedelta(days=20), datetime.min.time()).replace(hour=9)


def new_course(db: Database, code: str) -> int:
    return create_course(db.uow(), CourseData(code, f"课程 {code}", CourseCategory.REQUIRED))


def open_session_with_people(db: Database, code: str, count: int) -> tuple[int, list[int]]:
    """A session of its own course with the first `count` people working here enrolled."""
    course_id = new_course(db, f"{code}-C")
    session_id = create_session(
        db.uow(),
        SessionData(code=code, course_id=course_id, starts_at=START, ends_at=START + timedelta(hours=2)),
    )
    with read_only(db) as session:
        people = employee_ids(session, EmployeeQuery(statuses=CURRENT_STATUSES))[:count]
    enrol(db.uow(), session_id, people, today=date.today())
    return session_id, people


def show(qtbot: Any, window: MainWindow, tab: Any) -> None:
    window.tabs.setCurrentWidget(tab)
    wait_idle(qtbot)


def enrolled_names(window: MainWindow) -> dict[int, str]:
    return {row.employee_id: row.name for row in window.sessions_tab.page.enrolment_panel.rows()}


def signed_in_names(window: MainWindow) -> dict[int, str]:
    return {row.employee_id: row.name for row in window.sessions_tab.attendance_panel.model.items()}


@pytest.fixture
def session_on_screen(qtbot: Any, demo_db: Database, window: MainWindow) -> tuple[int, list[int]]:
    """The Sessions tab showing a session's page with two people enrolled (its attendance read too)."""
    session_id, people = open_session_with_people(demo_db, "HUB-1", 2)
    show(qtbot, window, window.sessions_tab)
    window.open_session(session_id)
    wait_idle(qtbot)
    page = window.sessions_tab.page
    page.tabs.setCurrentWidget(window.sessions_tab.attendance_panel)
    wait_idle(qtbot)
    page.tabs.setCurrentWidget(page.enrolment_panel)
    wait_idle(qtbot)
    return session_id, people


def test_a_rename_in_the_employees_tab_reaches_the_open_session_page(
    qtbot: Any, demo_db: Database, window: MainWindow, session_on_screen: tuple[int, list[int]]
) -> None:
    _session_id, (renamed, other) = session_on_screen
    before = enrolled_names(window)
    assert signed_in_names(window) == before and renamed in before

    # The clerk goes to the Employees tab, opens the person and renames them there.
    employees = window.employees_tab
    show(qtbot, window, employees)
    row = employees.model.row_of(renamed)
    assert row is not None
    employees.table.selectRow(row)
    employees.edit_action.trigger()
    dialog = loaded_dialog(qtbot, employees, EmployeeDialog)
    dialog.name_edit.clear()
    type_text(dialog.name_edit, "改名之后")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert employees.model.index(row, COLUMNS.index("name")).data() == "改名之后"

    # Back on the session page: no Refresh pressed, yet both panels show the new name.
    show(qtbot, window, window.sessions_tab)
    assert enrolled_names(window) == {**before, renamed: "改名之后"}
    window.sessions_tab.page.tabs.setCurrentWidget(window.sessions_tab.attendance_panel)
    wait_idle(qtbot)
    assert signed_in_names(window)[renamed] == "改名之后"
    assert signed_in_names(window)[other] == before[other]
    table = window.sessions_tab.attendance_panel.table
    shown = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert "改名之后" in shown


def test_undoing_a_rename_updates_the_session_page_on_screen_at_once(
    qtbot: Any, demo_db: Database, window: MainWindow, session_on_screen: tuple[int, list[int]]
) -> None:
    _session_id, (renamed, _other) = session_on_screen
    original = enrolled_names(window)[renamed]
    employees = window.employees_tab
    show(qtbot, window, employees)
    dialog = employees.open_employee(renamed)
    wait_idle(qtbot)
    dialog.name_edit.setText("临时名字")
    dialog.save()
    wait_idle(qtbot)
    assert window.undo_stack.canUndo()

    show(qtbot, window, window.sessions_tab)
    assert enrolled_names(window)[renamed] == "临时名字"
    # Edit › Undo with the page on screen: the undo writes through an operation, the hub does the rest.
    window.undo_action.trigger()
    wait_idle(qtbot)
    assert enrolled_names(window)[renamed] == original
    window.redo_action.trigger()
    wait_idle(qtbot)
    assert enrolled_names(window)[renamed] == "临时名字"
    # The Employees tab, behind, reads it again when shown.
    show(qtbot, window, employees)
    row = employees.model.row_of(renamed)
    assert row is not None and employees.model.index(row, COLUMNS.index("name")).data() == "临时名字"


def test_a_sign_in_on_the_page_updates_the_header_and_the_sessions_list(
    qtbot: Any, demo_db: Database, window: MainWindow, session_on_screen: tuple[int, list[int]]
) -> None:
    session_id, (first, _second) = session_on_screen
    tab = window.sessions_tab
    listed = tab.model.item(tab.model.row_of(session_id) or 0)
    assert (listed.enrolled, listed.attended) == (2, 0)
    with read_only(demo_db) as session:
        (person,) = employee_rows(session, [first])
    page = tab.page
    page.tabs.setCurrentWidget(tab.attendance_panel)
    tab.attendance_panel.clock = lambda: START - timedelta(minutes=5)
    type_text(tab.attendance_panel.entry_edit, person.employee_no)
    qtbot.keyClick(tab.attendance_panel.entry_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert page.fact("counts") == "2 / 0 / 1"  # the header, from the hub
    assert "出勤 1" in tab.attendance_panel.counts_label.text()

    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    listed = tab.model.item(tab.model.row_of(session_id) or 0)
    assert listed.attended == 1
    assert tab.selected_session() == session_id


def test_the_courses_tab_counts_a_session_added_in_the_sessions_tab(
    qtbot: Any, demo_db: Database, window: MainWindow
) -> None:
    course_id = new_course(demo_db, "HUB-C")
    courses = window.courses_tab
    show(qtbot, window, courses)
    row = courses.model.row_of(course_id)
    assert row is not None and courses.model.item(row).session_count == 0

    show(qtbot, window, window.sessions_tab)
    window.sessions_tab.new_button.click()
    dialog = loaded_dialog(qtbot, window.sessions_tab, SessionDialog)
    dialog.course_combo.setCurrentIndex(dialog.course_combo.findData(course_id))
    dialog.starts_edit.setDateTime(_to_qdatetime(START))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(dialog)

    show(qtbot, window, courses)
    row = courses.model.row_of(course_id)
    assert row is not None and courses.model.item(row).session_count == 1


def test_f5_reloads_what_another_seat_changed(
    qtbot: Any, demo_db: Database, window: MainWindow, session_on_screen: tuple[int, list[int]]
) -> None:
    _session_id, (first, _second) = session_on_screen
    # Written behind the window's back, as another seat would: no hub hears of it.
    with read_only(demo_db) as session:
        data = get_employee(session, first)
    update_employee(demo_db.uow(), first, replace(data, name="别处改的"))
    wait_idle(qtbot)
    assert enrolled_names(window)[first] != "别处改的"
    window.refresh_action.trigger()  # F5 on the Sessions tab: the list and the open page
    wait_idle(qtbot)
    assert enrolled_names(window)[first] == "别处改的"

    courses = window.courses_tab
    show(qtbot, window, courses)
    course_id = new_course(demo_db, "F5-C")
    assert courses.model.row_of(course_id) is None
    window.refresh_action.trigger()
    wait_idle(qtbot)
    assert courses.model.row_of(course_id) is not None

    employees = window.employees_tab
    show(qtbot, window, employees)
    before = employees.model.total_matching()
    created = create_employee(demo_db.uow(), EmployeeData(employee_no="F5001", name="别处新建"))
    window.refresh_action.trigger()
    wait_idle(qtbot)
    assert employees.model.total_matching() == before + 1
    assert employees.model.row_of(created) is not None
    assert "共 301 人" in window.counts_label.text()
