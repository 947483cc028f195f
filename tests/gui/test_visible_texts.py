"""Everything the main window shows on the demo database, tab by tab (and each page of a tab's own tabs),
at 1366×768: in zh_CN no label, button, tool tip, placeholder, group title, tab or column header is in
English words (codes, numbers, file names and names from the data are allowed); in either language no
column header is cut short."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTabBar,
    QTableView,
    QTabWidget,
    QWidget,
)
from tests_gui_helpers import shown, wait_idle

from desktop_hr.db import Database
from desktop_hr.views import i18n
from desktop_hr.views.main_window import MainWindow

SIZE = (1366, 768)
# What may stay in Latin letters: paths, file names and suffixes, mail addresses, acronyms (HR, PDF, CSV,
# TTT), shortcuts (Ctrl+F) and accelerators.
_ALLOWED = re.compile(
    r"\S*[/\\]\S*|\S+@\S+|\S*\.(?:xlsx|xls|ods|csv|txt|pdf|ics|sqlite3|png|jpg)\b|\b[A-Z][A-Z0-9]+\b"
    r"|\b(?:Ctrl|Shift|Alt|Esc|Enter|Del|F\d+)\b|&\w"
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
PRODUCTS = {"iCalendar", "Outlook", "Excel", "SQLite"}  # names, in Chinese text too


def _reveal(tabs: QWidget, top: QWidget) -> None:
    child, parent = tabs, tabs.parentWidget()
    while parent is not None and child is not top:
        outer = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(outer, QTabWidget):
            outer.setCurrentWidget(child)
        child, parent = parent, outer


def _stops(window: MainWindow, qtbot: Any) -> Iterator[str]:
    """Shows every tab and every page of its tabs in turn; yields where it is."""
    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)
        wait_idle(qtbot)
        page = window.tabs.widget(number)
        inner = [(t, i) for t in page.findChildren(QTabWidget) for i in range(t.count())]
        yield window.tabs.tabText(number)
        for tabs, index in inner:
            _reveal(tabs, page)
            tabs.setCurrentIndex(index)
            wait_idle(qtbot)
            if tabs.isVisible():
                yield f"{window.tabs.tabText(number)} › {tabs.tabText(index)}"


def _texts(root: QWidget) -> Iterator[tuple[QWidget, str]]:
    """The words a user reads on `root`'s visible widgets (not the data in tables and lists)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget, widget.text()
            yield widget, widget.toolTip()
        elif isinstance(widget, QLineEdit):
            yield widget, widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield widget, widget.title()
        elif isinstance(widget, QTabBar):
            yield from ((widget, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            orientation = widget.orientation()
            for section in range(widget.count()):
                if not widget.isSectionHidden(section):
                    yield widget, str(widget.model().headerData(section, orientation) or "")


def _data_words(root: QWidget) -> set[str]:
    """Latin words of the data shown (course titles such as "Excel 数据分析", account names): allowed."""
    words: set[str] = set()
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(), 300)):
            for column in range(model.columnCount()):
                words.update(ENGLISH_WORD.findall(str(model.index(row, column).data() or "")))
    for combo in root.findChildren(QComboBox):
        if not combo.isEditable():  # the choices of a filter are the program's words: checked below
            continue
        words.update(ENGLISH_WORD.findall(combo.currentText()))
    return words


def english_words(text: str, allowed: set[str]) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(_ALLOWED.sub(" ", text)) if w not in allowed]


@pytest.fixture
def window(demo_db: Database, qtbot: Any) -> MainWindow:
    main = shown(qtbot, MainWindow(demo_db), size=SIZE)
    wait_idle(qtbot)
    return main


def test_nothing_the_window_shows_is_english_in_chinese(
    window: MainWindow, demo_db: Database, qtbot: Any
) -> None:
    with demo_db.read_session() as session:
        from desktop_hr.models import Account

        accounts = {name for (name,) in session.query(Account.name)}
    accounts.add(demo_db.principal.name)  # the signed-in name the status bar shows is data, not a word
    found: dict[str, set[str]] = {}
    for where in _stops(window, qtbot):
        allowed = _data_words(window) | accounts | PRODUCTS
        for widget, text in _texts(window):
            words = english_words(text, allowed)
            if words:
                found.setdefault(where, set()).add(f"{type(widget).__name__} {widget.objectName()}: {text!r}")
        for combo in window.findChildren(QComboBox):
            if combo.isVisible() and not combo.isEditable():
                for item in range(combo.count()):
                    if english_words(combo.itemText(item), allowed):
                        found.setdefault(where, set()).add(
                            f"QComboBox {combo.objectName()}: {combo.itemText(item)!r}"
                        )
    assert found == {}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_column_header_is_cut_short(demo_db: Database, qtbot: Any, language: str) -> None:
    i18n.apply_language(language)
    window = shown(qtbot, MainWindow(demo_db), size=SIZE)
    wait_idle(qtbot)
    clipped: dict[str, list[str]] = {}
    for where in _stops(window, qtbot):
        qtbot.wait(10)  # the column fitter runs once the event loop turns
        for view in window.findChildren(QTableView):
            if not view.isVisible() or view.model() is None or view.model().rowCount() == 0:
                continue
            header = view.horizontalHeader()
            for column in range(header.count()):
                if header.isSectionHidden(column):
                    continue
                title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
                needed = header.fontMetrics().horizontalAdvance(title) + 8  # the header's margins
                if header.sectionSize(column) < needed:
                    clipped.setdefault(where, []).append(f"{view.objectName()}: {title}")
    assert clipped == {}
