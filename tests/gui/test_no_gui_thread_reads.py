"""No SQL on the GUI thread: the archive and training dialogs, tabs, the session page and the kiosk open, load
and reload with every read on a reader thread, and a dialog cannot save before its data is in."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session
from tests_gui_helpers import shown, wait_idle
from training_data import building, enrol, make_course, make_people, make_session

from desktop_hr.db import Database, read_only
from desktop_hr.models import AssignmentType
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids, get_employee
from desktop_hr.services.archive.reviews import reviews_of
from desktop_hr.services.training.history import TrainingRecordData, add_training_record
from desktop_hr.services.training.submissions import submit
from desktop_hr.views import operations
from desktop_hr.views.archive import employee_dialog
from desktop_hr.views.archive.department_panel import DepartmentPanel
from desktop_hr.views.archive.employee_dialog import EmployeeDialog
from desktop_hr.views.archive.employee_history import TrainingRecordDialog
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.archive.employee_reviews import GoalDialog, ReviewDialog
from desktop_hr.views.archive.employees_tab import EmployeesTab
from desktop_hr.views.archive.positions_dialog import PositionsDialog
from desktop_hr.views.exchange.import_dialog import ImportDialog
from desktop_hr.views.requirements.recognition_dialog import RecognitionDialog
from desktop_hr.views.requirements.requirement_dialog import RequirementDialog
from desktop_hr.views.training.course_dialog import CourseDialog
from desktop_hr.views.training.courses_tab import CoursesTab
from desktop_hr.views.training.enrolment_panel import DepartmentPickDialog
from desktop_hr.views.training.feedback_panel import FeedbackDialog
from desktop_hr.views.training.kiosk import SignInKioskDialog
from desktop_hr.views.training.session_dialog import SessionDialog
from desktop_hr.views.training.sessions_tab import SessionsTab
from desktop_hr.views.training.submission_dialog import SubmissionDialog

START = datetime.combine(date.today() + timedelta(days=10), datetime.min.time()).replace(hour=9)


class ReadLog:
    """Every read session opened, with whether it was on the GUI thread and from where."""

    def __init__(self) -> None:
        self.gui: list[str] = []
        self.background = 0

    def on_gui_thread(self) -> list[str]:
        return list(self.gui)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadLog]:
    """Database.read_session (behind read_only) recording the thread it is called on."""
    log = ReadLog()
    original = Database.read_session

    def recording(self: Database) -> Session:
        if threading.current_thread() is threading.main_thread():
            log.gui.append("".join(traceback.format_stack(limit=8)))
        else:
            log.background += 1
        return original(self)

    monkeypatch.setattr(Database, "read_session", recording)
    yield log


def test_the_check_sees_a_read_on_the_gui_thread(demo_db: Database, reads: ReadLog) -> None:
    with read_only(demo_db) as session:
        reviews_of(session, 1)
    assert len(reads.on_gui_thread()) == 1


@pytest.fixture
def course_session(demo_db: Database) -> tuple[int, int, int]:
    """(session id, course id, an enrolled employee id): a session with a reflection and two people."""
    with building(demo_db) as s:
        people = make_people(s, {"R0001": "读一", "R0002": "读二"})
        course = make_course(s, "READ-C", "只读课")
        training = make_session(s, course, "READ-S", START, assignment_type=AssignmentType.REFLECTION)
        enrol(s, training, *people)
        return training.id, course.id, people[0].id


def opened(qtbot: Any, widget: QWidget) -> Any:
    shown(qtbot, widget)
    wait_idle(qtbot)
    return widget


def assert_loaded_without_gui_reads(reads: ReadLog) -> None:
    assert reads.background > 0, "the data was read (in the background)"
    assert reads.on_gui_thread() == [], "read on the GUI thread:\n" + "\n".join(reads.on_gui_thread())


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda db, ids: EmployeeDialog(db, employee_id=ids["employee"]), id="employee-edit"),
        pytest.param(lambda db, ids: EmployeeDialog(db), id="employee-new"),
        pytest.param(lambda db, ids: CourseDialog(db, ids["course"]), id="course-edit"),
        pytest.param(lambda db, ids: CourseDialog(db), id="course-new"),
        pytest.param(lambda db, ids: SessionDialog(db, session_id=ids["session"]), id="session-edit"),
        pytest.param(lambda db, ids: SessionDialog(db), id="session-new"),
        pytest.param(
            lambda db, ids: ReviewDialog(db, ids["employee"], review=None, default_items=["沟通"]),
            id="review",
        ),
        pytest.param(lambda db, ids: GoalDialog(db, ids["employee"], goal=None), id="goal"),
        pytest.param(
            lambda db, ids: TrainingRecordDialog(db, ids["employee"], record_id=ids["record"]), id="record"
        ),
        pytest.param(lambda db, ids: SubmissionDialog(db, ids["session"]), id="submission-new"),
        pytest.param(
            lambda db, ids: SubmissionDialog(db, ids["session"], submission_id=ids["submission"]),
            id="submission-edit",
        ),
        pytest.param(lambda db, ids: FeedbackDialog(db, ids["session"]), id="feedback"),
        pytest.param(lambda db, ids: DepartmentPickDialog(db), id="department-pick"),
        pytest.param(lambda db, ids: EmployeePicker(db), id="picker"),
        pytest.param(lambda db, ids: PositionsDialog(db), id="positions"),
        pytest.param(lambda db, ids: SignInKioskDialog(db, ids["session"]), id="kiosk"),
        pytest.param(lambda db, ids: ImportDialog(db, kind="courses"), id="import"),
        pytest.param(lambda db, ids: RequirementDialog(db), id="requirement-new"),
        pytest.param(lambda db, ids: RequirementDialog(db, 1), id="requirement-edit"),
        pytest.param(lambda db, ids: RecognitionDialog(db), id="recognition"),
    ],
)
def test_dialogs_open_and_fill_without_reading_on_the_gui_thread(
    qtbot: Any,
    demo_db: Database,
    course_session: tuple[int, int, int],
    reads: ReadLog,
    make: Callable[[Database, dict[str, int]], QWidget],
) -> None:
    session_id, course_id, person = course_session
    record = add_training_record(
        demo_db.uow(), person, TrainingRecordData("旧课", date(2020, 1, 2), Decimal(2), Decimal(1))
    )
    submission = submit(
        demo_db.uow(),
        session_id,
        person,
        AssignmentType.REFLECTION,
        title="心得",
        text="正文",
        submitted_at=START,
    )
    ids = {"employee": person, "course": course_id, "session": session_id, "record": record}
    ids["submission"] = submission
    reads.gui.clear()  # what the set-up above did is not the dialog's
    dialog = opened(qtbot, make(demo_db, ids))
    assert getattr(dialog, "loaded", True)
    if isinstance(dialog, ImportDialog):
        assert reads.on_gui_thread() == []  # it reads nothing until a file is chosen
    else:
        assert_loaded_without_gui_reads(reads)
    dialog.close()


def test_the_employee_dialogs_tabs_read_in_the_background(
    qtbot: Any, demo_db: Database, reads: ReadLog
) -> None:
    with read_only(demo_db) as session:
        someone = employee_ids(session, EmployeeQuery())[5]
    reads.gui.clear()
    dialog = opened(qtbot, EmployeeDialog(demo_db, employee_id=someone))
    for index in range(1, dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        wait_idle(qtbot)
    assert dialog.reviews_panel is not None and dialog.reviews_panel.model.rowCount() > 0
    assert dialog.history_panel is not None and dialog.history_panel.history is not None
    assert_loaded_without_gui_reads(reads)


def test_tabs_load_search_sort_and_refresh_in_the_background(
    qtbot: Any, demo_db: Database, course_session: tuple[int, int, int], reads: ReadLog
) -> None:
    from PySide6.QtGui import QUndoStack

    undo = QUndoStack()
    employees = opened(qtbot, EmployeesTab(demo_db, undo))
    assert employees.model.total_matching() > 0 and employees.status_text()
    employees.search_edit.setText("1")
    employees.apply_filters()
    employees.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    employees.status_filter.setCurrentIndex(employees.status_filter.findData("all"))
    employees.refresh()
    wait_idle(qtbot)
    assert employees.model.query.text == "1" and employees.model.query.sort == "name"

    courses = opened(qtbot, CoursesTab(demo_db))
    assert courses.model.rowCount() > 0
    courses.search_edit.setText("READ")
    courses.apply_filters()
    courses.refresh()
    wait_idle(qtbot)
    assert [row.code for row in courses.model.items()] == ["READ-C"]

    sessions = opened(qtbot, SessionsTab(demo_db))
    session_id = course_session[0]
    assert sessions.model.row_of(session_id) is not None
    sessions.open_session(session_id)
    wait_idle(qtbot)
    for panel in sessions.page.panels():
        sessions.page.tabs.setCurrentWidget(panel)
        wait_idle(qtbot)
    sessions.refresh()
    wait_idle(qtbot)
    assert sessions.page.fact("code") == "READ-S"
    assert len(sessions.page.enrolment_panel.rows()) == 2
    assert sessions.attendance_panel.model.rowCount() == 2

    tree = opened(qtbot, DepartmentPanel(demo_db))
    tree.reload()
    wait_idle(qtbot)
    assert tree.model.department_ids()
    assert_loaded_without_gui_reads(reads)


def test_save_does_nothing_before_the_data_is_in(
    qtbot: Any, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with read_only(demo_db) as session:
        someone = employee_ids(session, EmployeeQuery())[2]
        stored = get_employee(session, someone)
    gate = threading.Event()

    def held_back(session: Session, employee_id: int) -> Any:
        gate.wait(30)  # a slow disk: the employee's row arrives only when the test says so
        return get_employee(session, employee_id)

    monkeypatch.setattr(employee_dialog, "get_employee", held_back)
    try:
        dialog = shown(qtbot, EmployeeDialog(demo_db, employee_id=someone))
        qtbot.waitUntil(lambda: operations.pending() > 0)
        assert not dialog.loaded and dialog.loading_label.isVisible()
        assert not dialog.save_button.isEnabled() and not dialog.basic_page.isEnabled()
        assert dialog.name_edit.text() == ""
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
        dialog.save()  # and the slot itself: nothing to save yet
        assert operations.writes_pending() == []
        assert not dialog.is_dirty()
    finally:
        gate.set()
    wait_idle(qtbot)
    assert dialog.loaded and not dialog.loading_label.isVisible()
    assert dialog.save_button.isEnabled() and dialog.basic_page.isEnabled()
    assert dialog.employee_data().cleaned() == stored
    with read_only(demo_db) as session:
        assert get_employee(session, someone) == stored  # nothing was written meanwhile
