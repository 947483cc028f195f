"""Render the README screenshots: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/screenshots.py [folder]`.

Uses a fresh demo database (services.demo.fill_demo, 300 employees, a year of training up to today) in a
temporary folder, and the same fonts and Chinese translation as the program. Default folder: screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the tests' helpers (signing)

import openpyxl  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from signing import open_as_admin  # noqa: E402

from desktop_hr.db import Database  # noqa: E402
from desktop_hr.services.demo.fill import fill_demo  # noqa: E402
from desktop_hr.services.trust.database import open_database  # noqa: E402
from desktop_hr.services.validation import id_card_check_char  # noqa: E402
from desktop_hr.views import operations  # noqa: E402
from desktop_hr.views.app import create_application  # noqa: E402

SIZE = (1280, 800)


def settle(app: QApplication) -> None:
    """Let background work finish and its results arrive, so the pictures are complete."""
    for _ in range(5):
        operations.wait_for_all()
        app.processEvents()


def bad_roster(path: Path) -> Path:
    first17 = "11010519900101123"
    wrong = "0" if id_card_check_char(first17) != "0" else "1"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年3月 新员工花名册"])
    sheet.append(["工号", "姓名", "性别", "身份证号", "手机", "部门", "岗位", "入职日期", "状态"])
    sheet.append(
        [
            "20001",
            "王晓明",
            "男",
            first17 + id_card_check_char(first17),
            "13800138001",
            "总公司/技术部",
            "工程师",
            date(2026, 2, 1),
            "试用",
        ]
    )
    sheet.append(
        [
            "20002",
            "李娜",
            "女",
            first17 + wrong,
            "13800138002",
            "总公司/财务部",
            "会计",
            date(2026, 2, 1),
            "试用",
        ]
    )
    sheet.append(
        ["20003", "", "男", None, "13800138003", "总公司/生产部", "操作工", date(2026, 2, 3), "试用"]
    )
    sheet.append(["20004", "赵强", "男", None, "1380013", "总公司/生产部", "操作工", "2026/2/30", "试用"])
    sheet.append(
        [
            "20005",
            "孙丽",
            "女",
            None,
            "13800138005",
            "总公司/华东分部/销售部",
            "销售代表",
            date(2026, 2, 5),
            "实习",
        ]
    )
    sheet.append(
        [
            "20006",
            "周杰",
            "男",
            None,
            "13800138006",
            "总公司/华东分部/销售部",
            "销售代表",
            date(2026, 2, 5),
            "试用",
        ]
    )
    book.save(path)
    return path


def render(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="desktop_hr_shots_"))
    os.environ["DESKTOP_HR_DATA_DIR"] = str(work / "data")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application()
    db = open_as_admin(work / "demo.sqlite3")
    # Today, so the Home tab has what a clerk would see this morning.
    fill_demo(db.uow(), employees=300, today=date.today())

    from desktop_hr.views.archive.employee_dialog import HISTORY_TAB, EmployeeDialog
    from desktop_hr.views.main_window import MainWindow

    window = MainWindow(db)
    window.resize(*SIZE)
    window.show()
    settle(app)
    shots = [folder / "home_tab.png"]
    window.grab().save(str(shots[-1]))
    shots += training_shots(app, window, db, folder)
    shots += points_shots(app, window, db, folder)
    shots += printing_shots(app, window, db, folder)
    shots += requirement_shots(app, window, db, folder)
    shots += development_shots(app, window, folder)
    window.tabs.setCurrentWidget(window.employees_tab)
    tab = window.employees_tab
    settle(app)  # the tab reads its tree and table once shown
    tab.table.selectRow(2)
    settle(app)
    shots.append(folder / "employees_tab.png")
    window.grab().save(str(shots[-1]))

    dialog = EmployeeDialog(db, employee_id=tab.model.employee_id(11), parent=window)
    dialog.show()
    settle(app)
    shots.append(folder / "employee_dialog.png")
    dialog.grab().save(str(shots[-1]))
    dialog.close()

    importer = tab.import_employees()
    importer.start(bad_roster(work / "新员工花名册.xlsx"))
    settle(app)
    shots.append(folder / "import_errors.png")
    importer.grab().save(str(shots[-1]))
    importer.close()

    dialog = EmployeeDialog(db, employee_id=_busiest_trainee(db), parent=window)
    dialog.tabs.setCurrentIndex(HISTORY_TAB)
    dialog.show()
    settle(app)
    shots.append(folder / "employee_history.png")
    dialog.grab().save(str(shots[-1]))
    dialog.close()

    shots += account_shots(app, db, window, work, folder)
    window.close()  # closes once its backup at exit is taken
    settle(app)
    db.dispose()
    return shots


SHOT_PASSWORD = "shots-pass-2026"


def account_shots(app: QApplication, db: Database, window: Any, work: Path, folder: Path) -> list[Path]:
    """Accounts (one locked, one disabled), the sign-in refusing a wrong password, the first start on a
    new database, and the window an auditor gets (no edit buttons)."""
    from desktop_hr.models import Role
    from desktop_hr.services.archive.organisation import department_tree
    from desktop_hr.services.trust import accounts
    from desktop_hr.services.trust.accounts import AccountData
    from desktop_hr.views.main_window import MainWindow
    from desktop_hr.views.trust.accounts_dialog import AccountsDialog
    from desktop_hr.views.trust.login_dialog import FirstAdminDialog, SignInDialog

    with db.read_session() as session:
        branch = max(department_tree(session), key=lambda n: (n.depth == 1, n.path_names.count("分部")))
    people = (
        ("admin", "王建国", Role.ADMIN, None),
        ("lihua", "李华", Role.CLERK, None),
        ("chenjing", "陈静", Role.CLERK, None),
        ("zhaomin", "赵敏", Role.DEPARTMENT_HEAD, branch.id),
        ("sunli", "孙丽", Role.AUDITOR, None),
        ("zhouqiang", "周强", Role.CLERK, None),
    )
    for name, display, role, department in people:
        data = AccountData(name, role, display_name=display, department_id=department)
        accounts.create_account(db.uow(), data, SHOT_PASSWORD, must_change=False)
    for name in ("zhaomin", "lihua", "admin"):  # the administrator last: it disables an account below
        accounts.sign_in(db, name, SHOT_PASSWORD)
    for _try in range(accounts.LOCK_AFTER):
        with contextlib.suppress(accounts.SignInFailed, accounts.AccountLocked):
            accounts.sign_in(db, "chenjing", "wrong")
    with db.read_session() as session:
        rows = {row.name: row for row in accounts.list_accounts(session)}
    accounts.update_account(db.uow(), rows["zhouqiang"].id, replace(rows["zhouqiang"].data(), active=False))

    shots: list[Path] = []
    dialog = AccountsDialog(db, window)
    dialog.show()
    settle(app)  # the list arrives
    dialog.table.selectRow(1)
    settle(app)
    shots.append(folder / "accounts_dialog.png")
    dialog.grab().save(str(shots[-1]))
    dialog.close()

    accounts.sign_out(db)
    login = SignInDialog(db, cancel_text="退出")
    login.show()
    login.user_combo.setCurrentText("lihua")
    login.password_edit.setText("not-my-password")
    login.accept()
    settle(app)
    shots.append(folder / "login.png")
    login.grab().save(str(shots[-1]))
    login.close()

    empty = open_database(work / "new.sqlite3")
    first = FirstAdminDialog(empty)
    first.show()
    first.name_edit.setText("wangjg")
    first.display_name_edit.setText("王建国")
    first.password_edit.setText(SHOT_PASSWORD)
    first.repeat_edit.setText(SHOT_PASSWORD + "!")
    first.accept()
    settle(app)
    shots.append(folder / "first_start.png")
    first.grab().save(str(shots[-1]))
    first.close()
    empty.dispose()

    accounts.sign_in(db, "sunli", SHOT_PASSWORD)
    audit_window = MainWindow(db)
    audit_window.resize(*SIZE)
    audit_window.show()
    audit_window.tabs.setCurrentWidget(audit_window.employees_tab)
    audit_window.employees_tab.table.selectRow(0)
    settle(app)
    shots.append(folder / "auditor_window.png")
    audit_window.grab().save(str(shots[-1]))

    # The audit tab as the auditor reads it: an edit's before → after in the detail pane.
    audit_tab = audit_window.audit_tab
    assert audit_tab is not None
    audit_window.tabs.setCurrentWidget(audit_tab)
    audit_tab.refresh()
    settle(app)
    with db.read_session() as session:
        from desktop_hr.services.trust import audit

        changed = audit.entry_ids(
            session, audit.AuditQuery(action=audit.Action.UPDATE, table_name="account"), limit=1
        )
    if changed:
        audit_tab.select_entry(changed[0])
    settle(app)
    shots.append(folder / "audit_tab.png")
    audit_window.grab().save(str(shots[-1]))
    audit_window.close()
    settle(app)

    from desktop_hr.views.trust.backup_dialog import BackupDialog

    accounts.sign_in(db, "admin", SHOT_PASSWORD)
    backup = BackupDialog(db, lambda _path: None, window)
    backup.show()
    settle(app)
    shots.append(folder / "backup_dialog.png")
    backup.grab().save(str(shots[-1]))
    backup.close()
    return shots


def _busiest_trainee(db: Database) -> int:
    from sqlalchemy import func, select

    from desktop_hr.models import Attendance

    with db.read_session() as session:
        found = session.scalar(
            select(Attendance.employee_id)
            .group_by(Attendance.employee_id)
            .order_by(func.count().desc())
            .limit(1)
        )
    assert found is not None
    return int(found)


def printing_shots(app: QApplication, window: Any, db: Database, folder: Path) -> list[Path]:
    """The printing tab finding a person's records, with the archive card previewed."""
    from desktop_hr.services.points.point_reports import balance_rows

    tab = window.printing_tab
    window.tabs.setCurrentWidget(tab)
    with db.read_session() as session:
        richest = max(balance_rows(session), key=lambda r: r.balance)
    tab.search_edit.setText(richest.name)
    tab.search()
    settle(app)
    tab.table.selectRow(0)
    settle(app)
    settle(app)
    # The preview pane draws its pages on Qt's own threads, not the program's pools: let it finish.
    for _ in range(40):
        app.processEvents()
        time.sleep(0.025)
    shot = folder / "printing_tab.png"
    window.grab().save(str(shot))
    return [shot]


def requirement_shots(app: QApplication, window: Any, db: Database, folder: Path) -> list[Path]:
    """The Requirements tab (职称评定 this year, by department), the requirement dialog's conditions
    (continuing education: 90 hours, professional subjects 2/3), and a professional's growth view."""
    from sqlalchemy import select

    from desktop_hr.models import Employee, EmployeeStatus, PersonnelCategory
    from desktop_hr.services.requirements.rules import find_requirement
    from desktop_hr.views.archive.employee_dialog import REQUIREMENTS_TAB, EmployeeDialog
    from desktop_hr.views.requirements.requirement_dialog import CONDITIONS_TAB, RequirementDialog

    shots: list[Path] = []
    tab = window.requirements_tab
    window.tabs.setCurrentWidget(tab)
    settle(app)
    tab.requirement_combo.setCurrentIndex(tab.requirement_combo.findText("职称评定"))
    settle(app)
    shots.append(folder / "requirements_tab.png")
    window.grab().save(str(shots[-1]))

    with db.read_session() as session:
        continuing = find_requirement(session, "专业技术人员继续教育")
        professional = session.scalars(
            select(Employee.id)
            .where(
                Employee.category == PersonnelCategory.PROFESSIONAL,
                Employee.status == EmployeeStatus.ACTIVE,
            )
            .order_by(Employee.employee_no)
        ).first()
    dialog = RequirementDialog(db, continuing, parent=window)
    dialog.show()
    settle(app)
    dialog.tabs.setCurrentIndex(CONDITIONS_TAB)
    settle(app)
    shots.append(folder / "requirement_dialog.png")
    dialog.grab().save(str(shots[-1]))
    dialog.close()

    person = EmployeeDialog(db, employee_id=professional, parent=window)
    person.resize(1000, 720)
    person.show()
    settle(app)
    person.tabs.setCurrentIndex(REQUIREMENTS_TAB)
    settle(app)
    shots.append(folder / "growth_view.png")
    person.grab().save(str(shots[-1]))
    person.close()
    return shots


def development_shots(app: QApplication, window: Any, folder: Path) -> list[Path]:
    """Every page of the Trainers and the Needs & effect tabs, on the demo's data."""
    shots: list[Path] = []
    for tab, prefix in ((window.trainers_tab, "trainers"), (window.needs_tab, "needs")):
        window.tabs.setCurrentWidget(tab)
        for index in range(tab.pages.count()):
            tab.pages.setCurrentIndex(index)
            settle(app)
            name = tab.pages.widget(index).__class__.__name__.removesuffix("Page").lower()
            shots.append(folder / f"{prefix}_{name}.png")
            window.grab().save(str(shots[-1]))
    return shots


def points_shots(app: QApplication, window: Any, db: Database, folder: Path) -> list[Path]:
    """Balances with one person's ledger, the leaderboard, the distribution report, a redemption request."""
    from desktop_hr.services.points.point_reports import balance_rows
    from desktop_hr.views.points.points_tab import PointsTab

    shots: list[Path] = []
    tab = window.points_tab
    window.tabs.setCurrentWidget(tab)
    settle(app)
    with db.read_session() as session:
        richest = max(balance_rows(session), key=lambda r: r.balance)
    tab.select_employee(richest.employee_id)
    settle(app)
    shots.append(folder / "points_tab.png")
    window.grab().save(str(shots[-1]))
    tab.period_combo.setCurrentIndex(3)  # last 12 months
    tab.tabs.setCurrentIndex(PointsTab.LEADERBOARD)
    settle(app)
    shots.append(folder / "points_leaderboard.png")
    window.grab().save(str(shots[-1]))
    tab.tabs.setCurrentIndex(PointsTab.DISTRIBUTION)
    settle(app)
    shots.append(folder / "points_distribution.png")
    window.grab().save(str(shots[-1]))
    tab.tabs.setCurrentIndex(PointsTab.REWARDS)
    tab.rewards_panel.tabs.setCurrentWidget(tab.rewards_panel.redemptions)
    settle(app)
    shots.append(folder / "redemptions.png")
    window.grab().save(str(shots[-1]))
    dialog = tab.rewards_panel.redemptions.new_request()
    dialog.set_employee(richest.employee_id)
    settle(app)
    shots.append(folder / "redemption_request.png")
    dialog.grab().save(str(shots[-1]))
    dialog.reject()
    return shots


def training_shots(app: QApplication, window: Any, db: Database, folder: Path) -> list[Path]:
    """Courses, a finished session's sign-in and submissions, and the kiosk taking a scan."""
    from desktop_hr.models import EnrolmentStatus, SessionStatus
    from desktop_hr.services.training.enrolment import enrolment_rows
    from desktop_hr.services.training.sessions import SessionQuery, session_rows
    from desktop_hr.views.training.kiosk import SignInKioskDialog

    shots: list[Path] = []
    window.tabs.setCurrentWidget(window.courses_tab)
    settle(app)
    shots.append(folder / "courses_tab.png")
    window.grab().save(str(shots[-1]))

    with db.read_session() as session:
        rows = session_rows(session, SessionQuery())
    finished = [r for r in rows if r.status is SessionStatus.FINISHED]
    upcoming = [r for r in rows if r.status is SessionStatus.OPEN]
    sessions_tab = window.sessions_tab
    window.tabs.setCurrentWidget(sessions_tab)
    settle(app)
    shots.append(folder / "sessions_tab.png")
    window.grab().save(str(shots[-1]))
    # A month or more ago, offline, with an assignment: signed in, handed in and graded.
    shown = next(
        r
        for r in finished
        if r.assignment_type is not None
        and r.capacity is not None
        and (date.today() - r.starts_at.date()).days > 45
    )
    window.open_session(shown.id)
    sessions_tab.page.tabs.setCurrentWidget(sessions_tab.attendance_panel)
    settle(app)
    shots.append(folder / "session_sign_in.png")
    window.grab().save(str(shots[-1]))
    sessions_tab.page.tabs.setCurrentWidget(sessions_tab.submissions_panel)
    settle(app)
    shots.append(folder / "session_submissions.png")
    window.grab().save(str(shots[-1]))
    sessions_tab.page.tabs.setCurrentWidget(sessions_tab.feedback_panel)
    settle(app)
    shots.append(folder / "session_feedback.png")
    window.grab().save(str(shots[-1]))
    sessions_tab.show_list()

    target = upcoming[0]
    with db.read_session() as session:
        enrolled = [r for r in enrolment_rows(session, target.id) if r.status is EnrolmentStatus.ENROLLED]
    kiosk = SignInKioskDialog(db, target.id, window, clock=lambda: target.starts_at - timedelta(minutes=5))
    kiosk.resize(*SIZE)
    kiosk.show()
    kiosk.input_edit.setText(enrolled[0].employee_no)
    kiosk.input_edit.returnPressed.emit()
    settle(app)
    shots.append(folder / "kiosk.png")
    kiosk.grab().save(str(shots[-1]))
    kiosk.input_edit.setText("99999")
    kiosk.input_edit.returnPressed.emit()
    settle(app)
    shots.append(folder / "kiosk_refused.png")
    kiosk.grab().save(str(shots[-1]))
    kiosk.done(0)
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "screenshots"
    for shot in render(target):
        print(shot)
