"""The Trainers and the Needs & effect tabs in the main window: every page opens on the demo's data with rows
to read, in Chinese, and View › Refresh (F5) reloads the page shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableView
from tests_gui_helpers import wait_idle

from desktop_hr.views.main_window import MainWindow


def _main_table(page: Any) -> QTableView:
    """The page's list: of its visible tables, the one with the most rows (detail tables start empty)."""
    tables = [t for t in page.findChildren(QTableView) if t.isVisible()]
    assert tables, f"{type(page).__name__} shows no table"
    return max(tables, key=lambda t: t.model().rowCount())


def test_every_development_page_shows_the_demos_data(qtbot: Any, window: MainWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "内训师" in titles and "需求与效果" in titles
    expected = {
        window.trainers_tab: ["档案与排名", "晋级与复审", "推荐", "导师制"],
        window.needs_tab: ["需求池", "需求分析", "培训效果"],
    }
    for tab, pages in expected.items():
        window.tabs.setCurrentWidget(tab)
        assert [tab.pages.tabText(i) for i in range(tab.pages.count())] == pages
        for index in range(tab.pages.count()):
            tab.pages.setCurrentIndex(index)
            wait_idle(qtbot)
            table = _main_table(tab.pages.widget(index))
            assert table.model().rowCount() > 0, pages[index]


def test_f5_reloads_the_page_shown(qtbot: Any, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.trainers_tab)
    window.trainers_tab.pages.setCurrentWidget(window.trainers_tab.profiles)
    wait_idle(qtbot)
    table = _main_table(window.trainers_tab.profiles)
    before = table.model().rowCount()
    table.model().set_items([])  # as if the page had been emptied
    assert table.model().rowCount() == 0
    window.refresh_current()
    wait_idle(qtbot)
    assert table.model().rowCount() == before > 0
