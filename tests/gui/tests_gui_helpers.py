"""Helpers shared by the GUI tests (imported by name: tests/gui is on sys.path through its conftest)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QTableView, QWidget

from desktop_hr.views import operations

W = TypeVar("W", bound=QWidget)


def fetch_all(model: Any) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def type_text(widget: Any, text: str) -> None:
    """Type like a user (key events with text): QTest.keyClicks aborts on characters outside Latin-1."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def is_open(widget: Any) -> bool:
    """Visible and not yet deleted (dialogs delete themselves once closed)."""
    import shiboken6

    return bool(shiboken6.isValid(widget) and widget.isVisible())


@dataclass
class DialogAnswers:
    """Preset answers for the blocking static dialogs, and a record of every message shown."""

    questions: list[QMessageBox.StandardButton] = field(default_factory=list)  # default: Yes
    open_file: str = ""
    save_file: str = ""
    text_input: tuple[str, bool] = ("", False)
    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text)

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


def wait_idle(qtbot: Any, timeout: int = 30_000) -> None:
    """Until every background operation has run and delivered its result on the GUI thread."""
    qtbot.waitUntil(lambda: operations.pending() == 0, timeout=timeout)


def visible_dialog(parent: QWidget, cls: type[QDialog]) -> Any:
    found = [d for d in parent.findChildren(cls) if d.isVisible()]
    assert found, f"no visible {cls.__name__}"
    return found[-1]


def loaded_dialog(qtbot: Any, parent: QWidget, cls: type[QDialog]) -> Any:
    """The visible dialog of `cls`, once the data it reads in the background is in its fields."""
    dialog = visible_dialog(parent, cls)
    wait_idle(qtbot)
    assert getattr(dialog, "loaded", True), f"{cls.__name__} still loading"
    return dialog


def shown(qtbot: Any, widget: W, *, size: tuple[int, int] | None = None) -> W:
    """A top-level widget in qtbot's care (closed after the test), resized if asked, and shown."""
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    return widget


def session_panel(qtbot: Any, widget: W, session_id: int) -> W:
    """A panel about one training session (sign-in, submissions, feedback, its page), shown and loaded
    (its rows are read in the background)."""
    widget.set_session(session_id)  # type: ignore[attr-defined]
    shown(qtbot, widget)
    wait_idle(qtbot)
    return widget


def click_header(qtbot: Any, table: QTableView, column: int) -> None:
    """Click the middle of a column's header section, as a user sorting by it would."""
    header = table.horizontalHeader()
    position = QPoint(
        header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
