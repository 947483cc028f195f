"""A session's page: the header, enrolling through the picker and by department, cancelling moves the waitlist up."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from tests_gui_helpers import DialogAnswers, is_open, loaded_dialog, session_panel, type_text, wait_idle
from training_data import building, make_course

from desktop_hr.db import Database, read_only
from desktop_hr.models import EnrolmentStatus, PersonnelCategory
from desktop_hr.services.archive.employees import EmployeeQuery, employee_ids, employee_rows
from desktop_hr.services.training.enrolment import CURRENT_STATUSES, enrol, enrolment_rows
from desktop_hr.services.training.sessions import SessionData, create_session, session_summary
from desktop_hr.views.archive.employee_picker import EmployeePicker
from desktop_hr.views.operations import run_in_background
from desktop_hr.views.training.enrolment_panel import DepartmentPickDialog
from desktop_hr.views.training.session_page import SessionPage

# Enrolment deadlines are checked against the real today in the window: keep the session ahead of it.
START = datetime.combine(date.today() + timedelta(days=30), datetime.min.time()).replace(hour=9)


def add_course(db: Database, code: str = "GUI-C1", title: str = "高效沟通") -> int:
    with building(db) as s:
        return make_course(s, code, title).id


def add_session(db: Database, *, code: str = "GUI-S1", capacity: int | None = None) -> int:
    data = SessionData(
        code=code,
        course_id=add_course(db, code=f"{code}-C"),
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        place="三楼培训室",
        external_trainer="李教授",
        capacity=capacity,
    )
    return create_session(db.uow(), data)


def current_numbers(db: Database, count: int) -> list[str]:
    with read_only(db) as session:
        ids = employee_ids(session, EmployeeQuery(statuses=CURRENT_STATUSES))[:count]
        return [row.employee_no for row in employee_rows(session, ids)]


def statuses(db: Database, session_id: int) -> dict[str, EnrolmentStatus]:
    with read_only(db) as session:
        return {row.employee_no: row.status for row in enrolment_rows(session, session_id)}


def make_page(qtbot: Any, db: Database, session_id: int) -> SessionPage:
    return session_panel(qtbot, SessionPage(db), session_id)


def test_header_shows_the_session(qtbot: Any, demo_db: Database) -> None:
    session_id = add_session(demo_db, capacity=20)
    page = make_page(qtbot, demo_db, session_id)
    assert page.title_label.text() == "高效沟通"
    assert page.fact("code") == "GUI-S1" and page.fact("trainer") == "李教授"
    assert page.fact("place") == "三楼培训室" and page.fact("capacity") == "20"
    assert page.fact("counts") == "0 / 0 / 0"
    assert page.fact("time").startswith(f"{START:%Y-%m-%d} 09:00")


def test_enrol_through_the_picker_then_cancel_and_the_waitlist_moves_up(
    qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    session_id = add_session(demo_db, capacity=2)
    page = make_page(qtbot, demo_db, session_id)
    first, second, third = current_numbers(demo_db, 3)
    # The picker adds everyone selected in one go, in the order shown.
    qtbot.mouseClick(page.enrolment_panel.add_people_button, Qt.MouseButton.LeftButton)
    picker = loaded_dialog(qtbot, page, EmployeePicker)
    picker.select_numbers([first, second, third])
    assert len(picker.selected_ids()) == 3
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not is_open(picker)
    assert "已报名 2 人，候补 1 人" in dialog_answers.texts("information")[-1]
    assert statuses(demo_db, session_id) == {
        first: EnrolmentStatus.ENROLLED,
        second: EnrolmentStatus.ENROLLED,
        third: EnrolmentStatus.WAITLISTED,
    }
    assert page.fact("counts") == "2 / 1 / 0"
    panel = page.enrolment_panel
    assert [(r.employee_no, r.waitlist_position) for r in panel.model.items()][-1] == (third, 1)

    assert panel.select_employee_no(first)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert first in dialog_answers.texts("question")[-1]
    assert third in dialog_answers.texts("information")[-1]  # says who moved up
    assert statuses(demo_db, session_id)[third] is EnrolmentStatus.ENROLLED
    assert page.fact("counts") == "2 / 0 / 0"
    assert first not in {r.employee_no for r in panel.model.items()}
    panel.show_cancelled_check.setChecked(True)
    assert first in {r.employee_no for r in panel.model.items()}


def test_picker_searches_and_hides_people_already_enrolled(qtbot: Any, demo_db: Database) -> None:
    session_id = add_session(demo_db)
    number = current_numbers(demo_db, 1)[0]
    with read_only(demo_db) as session:
        employee_id = employee_ids(session, EmployeeQuery(text=number))[0]
    enrol(demo_db.uow(), session_id, [employee_id], today=date.today())
    page = make_page(qtbot, demo_db, session_id)
    qtbot.mouseClick(page.enrolment_panel.add_people_button, Qt.MouseButton.LeftButton)
    picker = loaded_dialog(qtbot, page, EmployeePicker)
    type_text(picker.search_edit, number)
    picker.reload()
    wait_idle(qtbot)
    assert number not in {row.employee_no for row in picker.model.items()}
    assert not picker.ok_button.isEnabled()
    picker.reject()


def test_enrol_a_department(qtbot: Any, demo_db: Database, dialog_answers: DialogAnswers) -> None:
    session_id = add_session(demo_db)
    page = make_page(qtbot, demo_db, session_id)
    qtbot.mouseClick(page.enrolment_panel.add_department_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, page, DepartmentPickDialog)
    department_id = dialog.model.department_ids()[-1]
    dialog.select_department(department_id)
    dialog.accept()
    wait_idle(qtbot)
    with read_only(demo_db) as session:
        expected = len(
            employee_ids(session, EmployeeQuery(department_id=department_id, statuses=CURRENT_STATUSES))
        )
        assert session_summary(session, session_id).enrolled == expected
    assert len(page.enrolment_panel.model.items()) == expected
    assert f"已报名 {expected} 人" in dialog_answers.texts("information")[-1]


class FakePanel(QWidget):
    """Another tab of the page: what SessionPanel asks, recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[int] = []
        self.refreshed = 0

    def set_session(self, session_id: int) -> None:
        self.sessions.append(session_id)

    def refresh(self) -> None:
        self.refreshed += 1

    def refresh_when_shown(self) -> None:
        self.refresh()


def test_other_panels_plug_in_and_the_header_follows_every_write(qtbot: Any, demo_db: Database) -> None:
    session_id = add_session(demo_db)
    page = make_page(qtbot, demo_db, session_id)
    fake = FakePanel()
    index = page.add_panel(fake, "签到")
    assert (index, page.tabs.count(), page.tabs.tabText(index)) == (1, 2, "签到")
    assert page.tabs.widget(0) is page.enrolment_panel
    assert fake.sessions == [session_id]
    with read_only(demo_db) as session:
        someone = employee_ids(session, EmployeeQuery(statuses=CURRENT_STATUSES))[0]
    # Written by no panel of the page (as another tab or the kiosk would): the hub still brings it here.
    run_in_background(
        page,
        lambda _task: enrol(demo_db.uow(), session_id, [someone], today=date.today()),
        success=lambda _r: None,
    )
    wait_idle(qtbot)
    assert page.fact("counts") == "1 / 0 / 0"
    assert [row.employee_id for row in page.enrolment_panel.rows()] == [someone]
    page.refresh()  # View › Refresh reaches every panel
    wait_idle(qtbot)
    assert fake.refreshed == 1


def test_escape_and_back_ask_to_return(qtbot: Any, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db, add_session(demo_db))
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        qtbot.keyClick(page.enrolment_panel.table, Qt.Key.Key_Escape)


def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, demo_db: Database) -> None:
    session_id = add_session(demo_db, capacity=1)
    with read_only(demo_db) as session:
        ids = employee_ids(session, EmployeeQuery(statuses=CURRENT_STATUSES))[:3]
    enrol(demo_db.uow(), session_id, ids, today=date.today())
    page = make_page(qtbot, demo_db, session_id)
    qtmodeltester.check(page.enrolment_panel.model)
    picker = EmployeePicker(demo_db)
    qtbot.addWidget(picker)
    wait_idle(qtbot)  # the people are read in the background
    assert picker.model.rowCount() > 0
    qtmodeltester.check(picker.model)


def test_enrol_a_group_narrowed_by_category(qtbot: Any, demo_db: Database) -> None:
    session_id = add_session(demo_db)
    page = make_page(qtbot, demo_db, session_id)
    qtbot.mouseClick(page.enrolment_panel.add_department_button, Qt.MouseButton.LeftButton)
    dialog = loaded_dialog(qtbot, page, DepartmentPickDialog)
    dialog.select_department(None)  # the whole company …
    dialog.category_combo.set_value(PersonnelCategory.MANAGEMENT)  # … but only management staff
    wait_idle(qtbot)  # counted in the background
    wanted = EmployeeQuery(statuses=CURRENT_STATUSES, category=PersonnelCategory.MANAGEMENT)
    with read_only(demo_db) as session:
        expected = len(employee_ids(session, wanted))
    assert dialog.count_label.text() == dialog.tr("{count} people match").format(count=expected)
    dialog.accept()
    wait_idle(qtbot)
    with read_only(demo_db) as session:
        summary = session_summary(session, session_id)
    assert summary.enrolled + summary.waitlisted == expected
