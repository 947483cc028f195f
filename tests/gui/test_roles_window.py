"""The window for each role: what each account sees and may do, and a refusal when something is tried anyway."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget
from sqlalchemy import select
from tests_gui_helpers import DialogAnswers, fetch_all, is_open, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import CourseCategory, Employee, PointRule, Role, Submission, TrainingSession
from desktop_hr.services.archive.employees import COLUMNS, EmployeeQuery, count_employees
from desktop_hr.services.archive.organisation import department_tree, subtree_ids
from desktop_hr.services.training.courses import CourseData, create_course
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.training.submission_dialog import GradeDialog
from desktop_hr.views.trust.login_dialog import SignInDialog

SAVE = QDialogButtonBox.StandardButton.Save


def _head_department(db: Database) -> tuple[int, str]:
    """The first-level department with sub-departments and the most people (id, path)."""
    with read_only(db) as session:
        nodes = [n for n in department_tree(session) if n.depth == 1 and len(subtree_ids(session, n.id)) > 1]
        best = max(
            nodes, key=lambda n: sum(count_employees(session, EmployeeQuery(department_id=n.id)).values())
        )
    return best.id, best.path_names


def _window(qtbot: Any, db: Database) -> MainWindow:
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.show()
    wait_idle(qtbot)
    return main


@pytest.fixture
def role_window(demo_db: Database, sign_in_as: Any, qtbot: Any) -> Callable[[Role], MainWindow]:
    def make(role: Role) -> MainWindow:
        department = _head_department(demo_db)[0] if role is Role.DEPARTMENT_HEAD else None
        sign_in_as(role, department)
        return _window(qtbot, demo_db)

    return make


def _button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, name
    return found


def _offered(window: MainWindow) -> dict[str, bool]:
    """What a user would find: menu entries (visible actions) and buttons (not hidden)."""
    actions = {
        "import menu": window.import_menu.menuAction(),
        "import employees": window.import_action,
        "export menu": window.export_menu.menuAction(),
        "export employees": window.export_action,
        "new employee": window.new_employee_action,
        "undo": window.undo_action,
        "backups": window.backups_action,
        "print settings": window.print_settings_action,
        "accounts": window.accounts_action,
        "positions": window.positions_action,
        "change password": window.change_password_action,
        "switch account": window.switch_account_action,
    }
    sessions = window.sessions_tab
    buttons: dict[str, QWidget] = {
        "employee button": window.employees_tab.new_button,
        "employee import button": window.employees_tab.import_button,
        "employee export button": window.employees_tab.export_button,
        "new course": window.courses_tab.new_button,
        "new session": sessions.new_button,
        "enrol people": sessions.page.enrolment_panel.add_people_button,
        "mark present": sessions.attendance_panel.status_buttons[
            next(iter(sessions.attendance_panel.status_buttons))
        ],
        "add submission": sessions.submissions_panel.add_button,
        "grade": sessions.submissions_panel.grade_button,
        "award points": _button(window, "manual_award_button"),
        "point rules": _button(window, "point_rules_button"),
        "print": window.printing_tab.print_button,
        "verify": window.printing_tab.verify_button,
        "new requirement": window.requirements_tab.new_button,
        "print eligibility": window.requirements_tab.print_button,
        "trainer settings": window.trainers_tab.profiles.settings_button,
        "enter uplift": window.trainers_tab.profiles.uplift_button,
        "nominate": window.trainers_tab.nominations.nominate_button,
        "accept nomination": window.trainers_tab.nominations.accept_button,
        "new mentoring pair": window.trainers_tab.mentoring.add_button,
        "submit need": window.needs_tab.pool.new_button,
        "schedule need": window.needs_tab.pool.status_button,
    }
    shown = {name: action.isVisible() for name, action in actions.items()}
    shown.update({name: not widget.isHidden() for name, widget in buttons.items()})
    return shown


EVERYTHING = {
    "import menu": True,
    "import employees": True,
    "export menu": True,
    "export employees": True,
    "new employee": True,
    "undo": True,
    "backups": True,
    "print settings": True,
    "accounts": True,
    "positions": True,
    "change password": True,
    "switch account": True,
    "employee button": True,
    "employee import button": True,
    "employee export button": True,
    "new course": True,
    "new session": True,
    "enrol people": True,
    "mark present": True,
    "add submission": True,
    "grade": True,
    "award points": True,
    "point rules": True,
    "print": True,
    "verify": True,
    "new requirement": True,
    "print eligibility": True,
    "trainer settings": True,
    "enter uplift": True,
    "nominate": True,
    "accept nomination": True,
    "new mentoring pair": True,
    "submit need": True,
    "schedule need": True,
}
# Requirements and the credit-recognition table are the administrator's, like the point rules.
NOT_SETTINGS = ("backups", "print settings", "accounts", "point rules", "new requirement", "trainer settings")
NOT_EDITING = (
    "import menu",
    "import employees",
    "new employee",
    "undo",
    "employee button",
    "employee import button",
    "new course",
    "new session",
    "mark present",
    "add submission",
    "award points",
    "enter uplift",
    "accept nomination",
    "new mentoring pair",
    "schedule need",
)
OFFERED = {
    Role.ADMIN: EVERYTHING,
    Role.CLERK: {**EVERYTHING, **dict.fromkeys(NOT_SETTINGS, False)},
    Role.DEPARTMENT_HEAD: {**EVERYTHING, **dict.fromkeys(NOT_SETTINGS + NOT_EDITING, False)},
    Role.AUDITOR: {
        **EVERYTHING,
        # Nominating and submitting needs are what heads (and HR) do; an auditor only reads.
        **dict.fromkeys(
            NOT_SETTINGS + NOT_EDITING + ("enrol people", "grade", "nominate", "submit need"), False
        ),
    },
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_offered_only_what_it_may_do(
    role_window: Callable[[Role], MainWindow], role: Role, demo_db: Database
) -> None:
    window = role_window(role)
    expected = dict(OFFERED[role])
    if not demo_db.is_sqlite:  # a PostgreSQL server is backed up with pg_dump, not from a seat
        expected["backups"] = False
    assert _offered(window) == expected
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    audit = [window.tr("Audit")] if role in (Role.ADMIN, Role.AUDITOR) else []
    assert tabs == [
        "首页",
        "员工档案",
        "课程",
        "培训班次",
        "积分",
        "达标",
        "内训师",
        "需求与效果",
        "打印",
        *audit,
    ]
    assert (window.audit_tab is not None) == bool(audit)
    principal = demo_db.principal
    assert principal is not None
    assert principal.label() in window.account_label.text()
    assert {
        Role.ADMIN: "人事管理员",
        Role.CLERK: "人事专员",
        Role.DEPARTMENT_HEAD: "部门负责人",
        Role.AUDITOR: "审计员",
    }[role] in window.account_label.text()


def test_a_department_head_sees_only_its_own_department(
    role_window: Callable[[Role], MainWindow], demo_db: Database, qtbot: Any, dialog_answers: DialogAnswers
) -> None:
    _department_id, path = _head_department(demo_db)
    window = role_window(Role.DEPARTMENT_HEAD)
    tab = window.employees_tab
    window.tabs.setCurrentWidget(tab)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("all"))
    wait_idle(qtbot)  # read in the background
    fetch_all(tab.model)
    departments = {
        str(tab.model.index(row, COLUMNS.index("department")).data()) for row in range(tab.model.rowCount())
    }
    assert departments and all(d.startswith(path) for d in departments)
    with read_only(demo_db) as session:  # the head's own view of the archive: the subtree
        seen = sum(count_employees(session, EmployeeQuery()).values())
    assert tab.model.rowCount() == seen < 300
    assert window.counts_label.text().startswith(f"共 {seen} 人")
    # The employee dialog opens to read: no Save, the fields read-only, no Add review.
    tab.table.selectRow(0)
    dialog = tab.open_employee(tab.model.employee_id(0))
    wait_idle(qtbot)
    assert dialog.save_button.isHidden()
    assert dialog.name_edit.isReadOnly()  # type: ignore[attr-defined]
    assert dialog.reviews_panel is not None and dialog.reviews_panel.add_button.isHidden()
    employee_id = tab.model.employee_id(0)
    dialog.name_edit.setText("改过的名字")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    wait_idle(qtbot)
    assert is_open(dialog) and not dialog_answers.shown, "Enter saves nothing here"
    assert not [s for s in dialog.findChildren(QShortcut) if s.isEnabled()], "nor does Ctrl+S"
    with read_only(demo_db) as session:
        assert session.get_one(Employee, employee_id).name != "改过的名字"
    dialog.done(0)


def test_a_department_head_grades_only_its_own_score(
    role_window: Callable[[Role], MainWindow],
    demo_db: Database,
    qtbot: Any,
    dialog_answers: DialogAnswers,
) -> None:
    department_id, _path = _head_department(demo_db)
    with read_only(demo_db) as session:
        people = subtree_ids(session, department_id)
        submission_id, session_id, hr_score = session.execute(
            select(Submission.id, Submission.session_id, Submission.hr_score)
            .join(Employee, Employee.id == Submission.employee_id)
            .where(Employee.department_id.in_(people))
            .order_by(Submission.id)
        ).first() or (None, None, None)
    assert submission_id is not None and session_id is not None
    window = role_window(Role.DEPARTMENT_HEAD)
    window.open_session(session_id)
    panel = window.sessions_tab.submissions_panel
    window.sessions_tab.page.tabs.setCurrentWidget(panel)
    wait_idle(qtbot)  # the tab reads its rows once shown
    rows = [row for row, item in enumerate(panel.model.items()) if item.id == submission_id]
    panel.table.selectRow(rows[0])
    assert panel.edit_button.isHidden() and panel.excellent_button.isHidden()
    panel.grade_button.click()
    dialog = window.sessions_tab.findChild(GradeDialog, "grade_dialog")
    assert dialog is not None and is_open(dialog)
    assert not dialog.hr_spin.isEnabled(), "HR's score is shown, not editable"
    dialog.head_spin.setValue(77)
    dialog.buttons.button(SAVE).click()
    wait_idle(qtbot)
    with read_only(demo_db) as session:
        stored = session.get_one(Submission, submission_id)
        assert (stored.head_score, stored.hr_score) == (77, hr_score)

    # Forcing HR's score anyway: the service refuses, the dialog says why and stays open, nothing changes.
    panel.grade_button.click()
    dialog = [d for d in window.sessions_tab.findChildren(GradeDialog) if is_open(d)][-1]
    dialog.hr_spin.setEnabled(True)
    dialog.hr_spin.setValue(5 if hr_score != 5 else 6)
    dialog.buttons.button(SAVE).click()
    wait_idle(qtbot)
    assert is_open(dialog)
    assert "部门负责人" in dialog_answers.texts("warning")[-1]
    with read_only(demo_db) as session:
        assert session.get_one(Submission, submission_id).hr_score == hr_score
    dialog.reject()


def test_an_auditor_reads_prints_and_verifies_but_changes_nothing(
    role_window: Callable[[Role], MainWindow],
    demo_db: Database,
    qtbot: Any,
    dialog_answers: DialogAnswers,
    tmp_path: Path,
) -> None:
    window = role_window(Role.AUDITOR)
    # Nothing to change anywhere it looks.
    employees = window.employees_tab
    assert not employees._editable
    assert window.courses_tab.edit_button.text() == window.courses_tab.tr("Open…")  # to read
    assert window.sessions_tab.page.edit_button.isHidden()
    assert window.sessions_tab.submissions_panel.grade_button.isHidden()
    assert not window.sessions_tab.attendance_panel.grace_spin.isEnabled()
    assert window.sessions_tab.feedback_panel.record_exam_button.isHidden()
    assert window.points_tab.rewards_panel.redemptions.new_button.isHidden()
    assert window.points_tab.rewards_panel.catalogue.add_button.isHidden()

    # Printing: find someone, preview the archive card, save it as a PDF.
    with read_only(demo_db) as session:
        name = session.scalar(select(Employee.name).order_by(Employee.employee_no))
    assert name is not None
    printing = window.printing_tab
    window.tabs.setCurrentWidget(printing)
    printing.search_edit.setText(name)
    printing.search()
    wait_idle(qtbot)
    printing.table.selectRow(0)
    qtbot.waitUntil(printing.save_button.isEnabled, timeout=10_000)
    dialog_answers.save_file = str(tmp_path / "card.pdf")
    printing.save_button.click()
    wait_idle(qtbot)
    assert (tmp_path / "card.pdf").stat().st_size > 0

    # Exporting: the employee list to Excel.
    window.tabs.setCurrentWidget(employees)
    wait_idle(qtbot)
    dialog_answers.save_file = str(tmp_path / "员工.xlsx")
    window.export_action.trigger()
    wait_idle(qtbot)
    assert (tmp_path / "员工.xlsx").stat().st_size > 0

    # Verifying: the dialog answers, and offers no revoking.
    verify = printing.open_verify()
    assert verify.revoke_button.isHidden()
    verify.serial_edit.setText("JY2026-999999")
    verify.code_edit.setText("AAAA-BBBB-CCCC-DDDD")
    verify.verify_button.click()
    wait_idle(qtbot)
    assert verify.result_label.text()
    verify.reject()

    # Saving an employee anyway (the hidden Save button's slot): refused with a message, nothing changed.
    employee_id = employees.model.employee_id(0)
    dialog = employees.open_employee(employee_id)
    wait_idle(qtbot)  # its fields are read in the background
    dialog.name_edit.setText("改过的名字")  # type: ignore[attr-defined]
    dialog.save()
    wait_idle(qtbot)
    assert "审计员" in dialog_answers.texts("warning")[-1]
    assert is_open(dialog)
    with read_only(demo_db) as session:
        assert session.get_one(Employee, employee_id).name != "改过的名字"
    dialog.done(0)


def test_a_clerk_changing_a_point_rule_anyway_is_refused(
    role_window: Callable[[Role], MainWindow],
    demo_db: Database,
    qtbot: Any,
    dialog_answers: DialogAnswers,
) -> None:
    window = role_window(Role.CLERK)
    dialog = window.points_tab.show_rules()  # the hidden button's slot
    assert dialog.save_button.isHidden() and dialog.recompute_button.isHidden()
    wait_idle(qtbot)  # the rules are read off the GUI thread
    rule = dialog.selected()
    assert rule is not None
    with read_only(demo_db) as session:
        before = session.scalar(select(PointRule.points).where(PointRule.id == rule.id))
    dialog.points_spin.setValue(rule.points + 7)
    dialog.save_current()
    wait_idle(qtbot)
    assert "人事专员" in dialog_answers.texts("warning")[-1]
    with read_only(demo_db) as session:
        assert session.scalar(select(PointRule.points).where(PointRule.id == rule.id)) == before
    dialog.reject()


def test_a_clerk_edits_records_but_not_the_office_settings(
    role_window: Callable[[Role], MainWindow], demo_db: Database, qtbot: Any
) -> None:
    window = role_window(Role.CLERK)
    with read_only(demo_db) as session:
        session_id = session.scalar(select(TrainingSession.id).order_by(TrainingSession.id))
    assert session_id is not None
    window.open_session(session_id)
    attendance = window.sessions_tab.attendance_panel
    assert not attendance.kiosk_button.isHidden() and not attendance.entry_edit.isHidden()
    assert not attendance.grace_spin.isEnabled(), "the grace minutes are an office setting"
    employees = window.employees_tab
    assert employees._editable
    window.tabs.setCurrentWidget(employees)
    wait_idle(qtbot)
    dialog = employees.open_employee(employees.model.employee_id(0))
    wait_idle(qtbot)
    assert not dialog.save_button.isHidden()
    dialog.reject()


def test_switching_account_rebuilds_the_window_for_the_new_role(
    role_window: Callable[[Role], MainWindow],
    sign_in_as: Any,
    demo_db: Database,
    qtbot: Any,
) -> None:
    window = role_window(Role.ADMIN)
    sign_in_as.add(Role.AUDITOR)  # the account to switch to
    assert window.import_action.isVisible()

    window.switch_account_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(SignInDialog, "sign_in_dialog") is not None)
    dialog = window.findChild(SignInDialog, "sign_in_dialog")
    assert dialog is not None and is_open(dialog)
    assert demo_db.principal is None
    assert window.tabs.count() == 0, "nothing of the archive shows while nobody is signed in"
    assert window.menuBar().actions() == [], "no menu, no shortcut"
    dialog.user_combo.setCurrentText(Role.AUDITOR.value)
    dialog.password_edit.setText(sign_in_as.password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    wait_idle(qtbot)
    assert not is_open(dialog)
    assert window.tabs.count() == 10 and len(window.menuBar().actions()) == 4
    assert window.audit_tab is not None, "the auditor reads the audit trail"
    assert "审计员" in window.account_label.text()
    assert not window.import_action.isVisible() and not window.employees_tab._editable
    window.tabs.setCurrentWidget(window.employees_tab)
    wait_idle(qtbot)
    assert window.employees_tab.model.index(0, 0, QModelIndex()).isValid()


def test_giving_up_the_switch_closes_the_window(
    role_window: Callable[[Role], MainWindow], demo_db: Database, qtbot: Any
) -> None:
    window = role_window(Role.CLERK)
    window.switch_account_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(SignInDialog, "sign_in_dialog") is not None)
    dialog = window.findChild(SignInDialog, "sign_in_dialog")
    assert dialog is not None
    dialog.cancel_button.click()
    wait_idle(qtbot)
    assert not window.isVisible()
    assert demo_db.principal is None


def test_a_department_head_adds_materials_to_its_own_modules_only(
    demo_db: Database, sign_in_as: Any, qtbot: Any, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    department_id, _path = _head_department(demo_db)
    own = create_course(
        demo_db.uow(),
        CourseData(
            "HEAD-01",
            "本部门专业模块",
            CourseCategory.ELECTIVE,
            Decimal(1),
            owner_department_id=department_id,
        ),
    )
    general = create_course(
        demo_db.uow(), CourseData("HR-01", "人事通用模块", CourseCategory.REQUIRED, Decimal(1))
    )
    sign_in_as(Role.DEPARTMENT_HEAD, department_id)
    window = _window(qtbot, demo_db)
    courses = window.courses_tab
    assert courses.new_button.isHidden() and courses.delete_button.isHidden()

    dialog = courses.open_course(general)
    wait_idle(qtbot)
    assert dialog.save_button.isHidden() and dialog.code_edit.isReadOnly()
    assert dialog.materials_panel is not None and dialog.materials_panel.add_button.isHidden()
    dialog.done(0)

    dialog = courses.open_course(own)
    panel = dialog.materials_panel
    assert panel is not None
    dialog.tabs.setCurrentWidget(panel)
    wait_idle(qtbot)
    assert not panel.add_button.isHidden() and not panel.remove_button.isHidden()
    assert dialog.save_button.isHidden(), "the course itself stays HR's"
    source = tmp_path / "部门课件.pdf"
    source.write_bytes(b"%PDF-1.4 slides" * 50)
    dialog_answers.open_file = str(source)
    panel.add_button.click()
    wait_idle(qtbot)
    assert panel.model.rowCount() == 1 and panel.model.index(0, 0).data() == "部门课件.pdf"
    dialog.done(0)
