"""The main window: one tab per area, menus, the status bar, language switch, About, another database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.db import Database
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.settings import LAST_DATABASE_KEY, app_settings, saved_language


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_tabs_menus_and_status_bar_in_chinese(window: MainWindow, demo_db: Database) -> None:
    assert window.tabs.count() == 1
    assert window.tabs.tabText(0) == "员工档案"
    assert menu_titles(window) == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert str(demo_db.sqlite_path) in window.database_label.text()
    assert window.counts_label.text().startswith("共 300 人 · 在职 ")
    assert window.new_employee_action.shortcut().toString() == "Ctrl+N"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_switching_to_english_takes_effect_at_once(window: MainWindow) -> None:
    window.english_action.trigger()
    assert window.tabs.tabText(0) == "Employees"
    assert menu_titles(window)[0] == "&File"
    assert window.counts_label.text().startswith("300 people")
    assert window.employees_tab.search_edit.placeholderText() == "Search employee no., name or phone"
    assert saved_language() == "en"
    window.chinese_action.trigger()
    assert window.tabs.tabText(0) == "员工档案"
    assert saved_language() == "zh_CN"


def test_about_names_version_database_and_log(
    window: MainWindow, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    window.about_action.trigger()
    text = dialog_answers.texts("about")[-1]
    assert "0.1.0" in text or "版本" in text
    assert str(demo_db.sqlite_path) in text
    assert "desktop_hr.log" in text


def test_open_another_database(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialog_answers: DialogAnswers
) -> None:
    other = tmp_path / "other.sqlite3"
    dialog_answers.save_file = str(other)
    window.new_database_action.trigger()
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
