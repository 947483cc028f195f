"""A new database's first day: the first-run guide after the first administrator, the demo in a file of its
own (never remembered as the office's database), and empty tabs that say what to do first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from databases import sqlite_only
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWizard
from tests_gui_helpers import DialogAnswers, is_open, type_text, wait_idle

from desktop_hr.db import Database, read_only
from desktop_hr.models import Role, Setting
from desktop_hr.services import first_day
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.demo import demo_file
from desktop_hr.services.records import print_settings
from desktop_hr.services.trust import accounts, backups
from desktop_hr.services.trust.database import open_database
from desktop_hr.views import app, operations
from desktop_hr.views.exchange.import_dialog import ImportDialog
from desktop_hr.views.home.first_day_guide import FirstDayGuide
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.settings import LAST_DATABASE_KEY, app_settings
from desktop_hr.views.trust.login_dialog import FirstAdminDialog, SignInDialog, SignInFlow

PASSWORD = "boss-pass-2026"


@pytest.fixture
def office(db_location: Any, qtbot: Any) -> Iterator[Database]:
    """The office's new database, nobody signed in yet (as the window finds it at first start)."""
    database = open_database(db_location)
    yield database
    wait_idle(qtbot)
    database.dispose()


def _first_start(office: Database, qtbot: Any) -> MainWindow:
    """What `desktop-hr` does on a new database: the first administrator, then the window."""
    windows: list[MainWindow] = []

    def signed_in() -> None:
        window = MainWindow(office)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)

    flow = SignInFlow(office, None, signed_in, lambda: None)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, FirstAdminDialog))
    dialog = flow.dialog
    assert isinstance(dialog, FirstAdminDialog)
    dialog.name_edit.setText("boss")
    type_text(dialog.display_name_edit, "张主任")
    for edit in (dialog.password_edit, dialog.repeat_edit):
        edit.setText(PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(windows))
    return windows[0]


def _guide(window: MainWindow, qtbot: Any) -> FirstDayGuide:
    qtbot.waitUntil(lambda: window.guide is not None and window.guide.organisation_page.loaded)
    guide = window.guide
    assert guide is not None and is_open(guide)
    return guide


def _setting(db: Database, key: str) -> str | None:
    with read_only(db) as session:
        stored = session.get(Setting, key)
        return None if stored is None else stored.value


def _no_guide_after_reading(window: MainWindow, qtbot: Any) -> None:
    wait_idle(qtbot)
    assert window.standing is not None
    assert window.guide is None and window.findChild(FirstDayGuide) is None


def _png(path: Path) -> Path:
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("#c62828"))
    assert image.save(str(path))
    return path


def _next(guide: FirstDayGuide, qtbot: Any) -> None:
    qtbot.keyClick(guide, Qt.Key.Key_Return)  # the keyboard's way: Enter presses Next
    wait_idle(qtbot)


@sqlite_only("the backup folder page: a server database is backed up on the server")
def test_the_guide_saves_each_page_refuses_bad_input_by_field_and_is_shown_once(
    office: Database, qtbot: Any, tmp_path: Path
) -> None:
    window = _first_start(office, qtbot)
    guide = _guide(window, qtbot)
    shots = tmp_path / "shots"
    shots.mkdir()
    assert guide.windowTitle() == "开始使用"
    assert guide.buttonText(QWizard.WizardButton.CancelButton) == "跳过向导(&S)"
    page = guide.organisation_page
    assert guide.currentPage() is page and page.organisation_edit.text() == ""
    guide.grab().save(str(shots / "guide_1_organisation.png"))

    # An empty name: refused under its field, the guide stays, nothing saved.
    _next(guide, qtbot)
    assert guide.currentPage() is page
    assert page.organisation_error.isVisibleTo(guide) and "必填" in page.organisation_error.text()
    assert _setting(office, "print.organisation") is None
    # A logo that is not a picture: said under the logo; the name is not saved either.
    type_text(page.organisation_edit, "某市图书馆")
    text_file = tmp_path / "logo.txt"
    text_file.write_text("not a picture", encoding="utf-8")
    page.logo_edit.setText(str(text_file))
    _next(guide, qtbot)
    assert guide.currentPage() is page and not page.organisation_error.isVisibleTo(guide)
    assert "PNG 或 JPG" in page.logo_error.text()
    guide.grab().save(str(shots / "guide_1_refused.png"))
    assert _setting(office, "print.organisation") is None
    logo = _png(tmp_path / "logo.png")
    page.logo_edit.setText(str(logo))
    _next(guide, qtbot)
    with read_only(office) as session:
        saved = print_settings.get(session)
    assert (saved.organisation, saved.logo_path) == ("某市图书馆", str(logo))

    backup_page = guide.backup_page
    assert backup_page is not None and guide.currentPage() is backup_page
    assert backup_page.folder_edit.text() == str(backups.default_folder(Path(office.display_name())))
    guide.grab().save(str(shots / "guide_2_backups.png"))
    before = backups.policy(office)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    for bad, reason in ((a_file / "backups", "不能在此文件夹中写入文件"), ("backups", "完整的文件夹路径")):
        backup_page.folder_edit.setText(str(bad))
        _next(guide, qtbot)
        assert guide.currentPage() is backup_page
        assert "备份文件夹" in backup_page.folder_error.text() and reason in backup_page.folder_error.text()
        assert backups.policy(office) == before, "nothing saved"
    guide.grab().save(str(shots / "guide_2_refused.png"))
    usb = tmp_path / "usb"
    backup_page.folder_edit.setText(str(usb))
    _next(guide, qtbot)
    assert backups.policy(office).folder == usb

    last = guide.next_page
    assert guide.currentPage() is last
    assert [b.text() for b in (last.import_button, last.template_button, last.demo_button)] == [
        "导入我们的花名册(&I)…",
        "下载花名册模板(&T)…",
        "试用演示数据(&D)",
    ]
    guide.grab().save(str(shots / "guide_3_next_steps.png"))
    assert _setting(office, first_day.GUIDE_KEY) is None, "not finished until it is closed"
    last.import_button.click()
    wait_idle(qtbot)
    assert not is_open(guide)
    assert _setting(office, first_day.GUIDE_KEY) == "completed"
    assert window.tabs.currentWidget() is window.employees_tab
    importer = window.employees_tab.findChild(ImportDialog)
    assert importer is not None and is_open(importer) and "员工" in importer.windowTitle()
    importer.close()

    # Once per database: the next start shows the window without the guide.
    again = MainWindow(office)
    qtbot.addWidget(again)
    again.show()
    _no_guide_after_reading(again, qtbot)


def test_skipping_the_guide_saves_nothing_and_it_is_not_shown_again(office: Database, qtbot: Any) -> None:
    window = _first_start(office, qtbot)
    guide = _guide(window, qtbot)
    type_text(guide.organisation_page.organisation_edit, "不保存的名字")
    qtbot.keyClick(guide, Qt.Key.Key_Escape)
    wait_idle(qtbot)
    assert not is_open(guide)
    assert _setting(office, first_day.GUIDE_KEY) == "skipped"
    assert _setting(office, "print.organisation") is None
    assert _setting(office, backups.FOLDER_KEY) is None
    _sign_in_again(window, qtbot, "boss")
    _no_guide_after_reading(window, qtbot)


def _sign_in_again(window: MainWindow, qtbot: Any, name: str) -> None:
    """File › Switch account, then sign in as `name`."""
    flow = window.switch_account()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, SignInDialog))
    assert isinstance(flow.dialog, SignInDialog)
    flow.dialog.user_combo.setCurrentText(name)
    flow.dialog.password_edit.setText(PASSWORD)
    flow.dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.sign_in is None)
    wait_idle(qtbot)


def test_the_skip_button_and_the_last_pages_finish_record_the_outcome(office: Database, qtbot: Any) -> None:
    window = _first_start(office, qtbot)
    guide = _guide(window, qtbot)
    guide.button(QWizard.WizardButton.CancelButton).click()
    wait_idle(qtbot)
    assert _setting(office, first_day.GUIDE_KEY) == "skipped"


def test_a_database_with_people_or_a_demo_gets_no_guide(window: MainWindow, qtbot: Any) -> None:
    _no_guide_after_reading(window, qtbot)
    assert window.standing is not None and window.standing.demo


def _office_window(office: Database, qtbot: Any) -> MainWindow:
    """The office's window once its guide was skipped."""
    window = _first_start(office, qtbot)
    guide = _guide(window, qtbot)
    guide.reject()
    wait_idle(qtbot)
    return window


@sqlite_only("the remembered database is a file")
def test_try_the_demo_opens_a_separate_marked_file_and_the_office_stays_remembered(
    office: Database, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_file, "DEMO_EMPLOYEES", 12)  # the window's demo, smaller: the same code
    window = _office_window(office, qtbot)
    office_path = str(office.sqlite_path)
    assert app_settings().value(LAST_DATABASE_KEY) == office_path
    assert "演示数据" not in window.windowTitle()
    assert window.try_demo_action.isVisible() and not window.back_to_office_action.isVisible()

    window.try_demo_action.trigger()
    qtbot.waitUntil(lambda: window.db.sqlite_path == demo_file.demo_path(), timeout=120_000)
    wait_idle(qtbot)
    assert window.windowTitle().endswith("demo.sqlite3 — 演示数据")
    assert window.db.principal is not None and window.db.principal.name == "admin"
    assert app_settings().value(LAST_DATABASE_KEY) == office_path, "the demo is never remembered"
    assert window.back_to_office_action.isVisible() and not window.try_demo_action.isVisible()
    assert window.back_to_office_action.text() == "回到本单位数据库(&K)"
    with read_only(office) as session:
        assert emp.employee_ids(session, emp.EmployeeQuery(statuses=())) == [], "nothing mixed in"

    window.back_to_office_action.trigger()
    flow = window.sign_in
    assert flow is not None
    qtbot.waitUntil(lambda: isinstance(flow.dialog, SignInDialog))
    assert isinstance(flow.dialog, SignInDialog)
    flow.dialog.user_combo.setCurrentText("boss")
    flow.dialog.password_edit.setText(PASSWORD)
    flow.dialog.ok_button.click()
    qtbot.waitUntil(lambda: str(window.db.sqlite_path) == office_path)
    wait_idle(qtbot)
    assert "演示数据" not in window.windowTitle()
    assert app_settings().value(LAST_DATABASE_KEY) == office_path


@sqlite_only("the remembered database is a file")
def test_a_demo_opened_with_db_does_not_replace_the_remembered_office_database(
    demo_db: Database, qtbot: Any, tmp_path: Path
) -> None:
    settings = app_settings()
    office = tmp_path / "office.sqlite3"
    open_database(office).dispose()
    settings.setValue(LAST_DATABASE_KEY, str(office))
    window = MainWindow(demo_db)  # `desktop-hr --db demo.sqlite3`, once
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)
    assert "演示数据" in window.windowTitle()
    assert settings.value(LAST_DATABASE_KEY) == str(office)
    assert app._initial_database(None) == (str(office), False), "a plain start opens the office's database"
    window.close()
    # A demo remembered by an older version is forgotten: the next plain start opens the office's file.
    settings.setValue(LAST_DATABASE_KEY, str(demo_db.sqlite_path))
    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    second.show()
    wait_idle(qtbot)
    assert settings.value(LAST_DATABASE_KEY) is None
    assert app._initial_database(None)[0] is None, "the data folder's own file, not the demo"


def test_the_empty_tabs_say_what_to_do_first_until_there_are_rows(
    office: Database, qtbot: Any, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    window = _office_window(office, qtbot)
    window.resize(1280, 800)
    window.tabs.setCurrentWidget(window.employees_tab)
    wait_idle(qtbot)
    tab = window.employees_tab
    hint = tab.empty_hint
    assert hint.isVisible() and "还没有任何员工" in hint.label.text()
    names = [b.objectName() for b in hint.findChildren(type(window.employees_tab.new_button))]
    assert names == ["hint_import_button", "hint_template_button", "hint_new_employee_button"]
    QApplication.processEvents()
    window.grab().save(str(tmp_path / "employees_empty.png"))
    dialog_answers.save_file = str(tmp_path / "roster_template.xlsx")
    hint.findChild(type(tab.new_button), "hint_template_button").click()
    wait_idle(qtbot)
    assert (tmp_path / "roster_template.xlsx").is_file()
    hint.findChild(type(tab.new_button), "hint_import_button").click()
    importer = tab.findChild(ImportDialog)
    assert importer is not None and is_open(importer)
    importer.close()

    for other in (window.courses_tab, window.sessions_tab):
        window.tabs.setCurrentWidget(other)
        wait_idle(qtbot)
        assert other.empty_hint.isVisible(), other.objectName()
        window.grab().save(str(tmp_path / f"{other.objectName()}_empty.png"))
    window.sessions_tab.search_edit.setText("不存在")
    window.sessions_tab.apply_filters()
    wait_idle(qtbot)
    assert not window.sessions_tab.empty_hint.isVisible(), "a filter's empty result is not an empty tab"

    window.tabs.setCurrentWidget(window.employees_tab)
    db = window.db
    operations.run_in_background(  # a write made anywhere reaches the tab through the hub
        None,
        lambda _task: emp.create_employee(db.uow(), emp.EmployeeData(employee_no="1", name="王芳")),
        success=lambda _id: None,
    )
    wait_idle(qtbot)
    assert not hint.isVisible()
    assert tab.model.rowCount() == 1


def test_a_filled_archive_shows_no_hints(window: MainWindow, qtbot: Any) -> None:
    for tab in (window.employees_tab, window.courses_tab, window.sessions_tab):
        window.tabs.setCurrentWidget(tab)
        wait_idle(qtbot)
        assert not tab.empty_hint.isVisible(), tab.objectName()


def test_accounts_without_the_right_see_no_buttons_they_cannot_use(office: Database, qtbot: Any) -> None:
    window = _office_window(office, qtbot)
    data = accounts.AccountData("reader", Role.AUDITOR, "审计")
    accounts.create_account(office.uow(), data, PASSWORD, must_change=False)
    _sign_in_again(window, qtbot, "reader")
    window.tabs.setCurrentWidget(window.employees_tab)
    wait_idle(qtbot)
    hint = window.employees_tab.empty_hint
    assert hint.isVisible() and "人事管理员" in hint.label.text()
    assert hint.findChildren(type(window.employees_tab.new_button)) == []
