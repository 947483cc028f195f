"""The main window: one tab per area, menus, the status bar, language switch, About, another database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMenu
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.db import Database
from desktop_hr.services.exchange import kind_names
from desktop_hr.services.training.sessions import SessionQuery, session_rows
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.settings import LAST_DATABASE_KEY, app_settings, saved_language
from desktop_hr.views.trust.login_dialog import FirstAdminDialog


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_tabs_menus_and_status_bar_in_chinese(window: MainWindow, demo_db: Database, qtbot: Any) -> None:
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
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
        window.tr("Audit"),
    ]
    assert window.tabs.currentWidget() is window.home_tab  # what is due comes first
    assert menu_titles(window) == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert demo_db.display_name() in window.database_label.text()
    wait_idle(qtbot)  # the counts are read in the background
    assert window.counts_label.text().startswith("共 300 人 · 在职 ")
    assert window.new_employee_action.shortcut().toString() == "Ctrl+N"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_switching_to_english_takes_effect_at_once(window: MainWindow, qtbot: Any) -> None:
    window.english_action.trigger()
    wait_idle(qtbot)
    assert [window.tabs.tabText(i) for i in range(5)] == [
        "Home",
        "Employees",
        "Courses",
        "Sessions",
        "Points",
    ]
    assert menu_titles(window)[0] == "&File"
    assert window.counts_label.text().startswith("300 people")
    assert window.employees_tab.search_edit.placeholderText() == "Search employee no., name or phone"
    assert saved_language() == "en"
    window.chinese_action.trigger()
    assert window.tabs.tabText(1) == "员工档案"
    assert saved_language() == "zh_CN"


def test_about_names_version_database_and_log(
    window: MainWindow, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    window.about_action.trigger()
    text = dialog_answers.texts("about")[-1]
    assert "0.1.0" in text or "版本" in text
    assert demo_db.display_name() in text
    assert "desktop_hr.log" in text


def test_open_another_database(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    other = tmp_path / "other.sqlite3"
    dialog_answers.save_file = str(other)
    window.new_database_action.trigger()
    # A new database has no accounts: its first administrator is made (and signed in) before the switch.
    qtbot.waitUntil(lambda: window.findChild(FirstAdminDialog, "first_admin_dialog") is not None)
    first = window.findChild(FirstAdminDialog, "first_admin_dialog")
    assert first is not None and window.db.sqlite_path != other
    first.name_edit.setText("boss")
    for edit in (first.password_edit, first.repeat_edit):
        edit.setText("boss-pass-2026")
    first.ok_button.click()
    wait_idle(qtbot)
    assert window.db.sqlite_path == other
    assert window.counts_label.text().startswith("共 0 人")
    assert str(other) in window.database_label.text()
    assert app_settings().value(LAST_DATABASE_KEY) == str(other)
    assert not window.undo_stack.canUndo()


def test_geometry_and_splitter_are_remembered(qtbot: Any, demo_db: Database) -> None:
    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # inside the offscreen platform's 800x600 screen, so geometry restores as is
    first.employees_tab.splitter.setSizes([200, 580])
    first.close()
    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    second.show()
    wanted = first.employees_tab.splitter.sizes()
    qtbot.waitUntil(lambda: second.employees_tab.splitter.sizes() == wanted)
    assert second.size() == first.size()


def test_a_home_reminder_opens_its_session_page(qtbot: Any, window: MainWindow) -> None:
    wait_idle(qtbot)
    window.home_tab.session_requested.emit(next(iter(_session_ids(window))))
    assert window.tabs.currentWidget() is window.sessions_tab
    assert window.sessions_tab.stack.currentWidget() is window.sessions_tab.page
    assert window.sessions_tab.page.tabs.count() == 4  # enrolment, sign-in, submissions, feedback


def test_every_exchange_kind_is_in_the_file_menu(window: MainWindow) -> None:
    import_menu = window.findChild(QMenu, "import_menu")
    assert import_menu is not None
    names = [a.objectName().removeprefix("import_menu_") for a in import_menu.actions()]
    assert set(names) == set(kind_names())
    dialog = window.import_kind("attendance")
    qtbot_visible = dialog.isVisible()
    assert qtbot_visible and "签到" in dialog.windowTitle()
    dialog.close()


def _session_ids(window: MainWindow) -> list[int]:
    with window.db.read_session() as session:
        return [row.id for row in session_rows(session, SessionQuery())]
