"""GUI test fixtures: offscreen Qt, no dialog can block, isolated settings, a demo database per test."""

from __future__ import annotations

import os

# Before anything imports Qt: no screen here, and CI has none either.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget
from signing import open_as_admin
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.db import Database, sqlite_backup
from desktop_hr.services.demo import fill_demo
from desktop_hr.views import i18n
from desktop_hr.views.app import configure_fonts
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.settings import APPLICATION, ORGANISATION

# The offscreen platform plugin says this whenever a top-level window gets size constraints; it is
# about the test platform, not the program (a real screen's plugin implements the call).
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"

DEMO_TODAY = date(2026, 3, 1)
DEMO_EMPLOYEES = 300


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def dialog_answers(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication, tmp_path: Path
) -> Iterator[DialogAnswers]:
    answers = DialogAnswers()

    def record(kind: str, result: Any) -> Callable[..., Any]:
        def static(_parent: QWidget | None, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            answers.shown.append((kind, title, text))
            return result() if callable(result) else result

        return staticmethod(static)  # type: ignore[return-value]

    def next_question() -> QMessageBox.StandardButton:
        return answers.questions.pop(0) if answers.questions else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", record("question", next_question))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "about", record("about", None))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (answers.open_file, ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (answers.save_file, ""))
    )
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: answers.text_input))

    def refuse_exec(self: QDialog) -> int:
        # A real exec() would wait forever offscreen: the view must use open(), or the test must patch.
        raise AssertionError(
            f"modal exec() of {type(self).__name__} {self.objectName()!r}: {self.windowTitle()}"
        )

    monkeypatch.setattr(QDialog, "exec", refuse_exec)
    monkeypatch.setattr(QMessageBox, "exec", refuse_exec)

    # Settings go to this test's folder, never to the user's.
    qapp.setOrganizationName(ORGANISATION)
    qapp.setApplicationName(APPLICATION)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    i18n.apply_language("zh_CN")
    yield answers
    i18n.apply_language("zh_CN")


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    configure_fonts(qapp)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once through the services (fill_demo); each test gets its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_as_admin(path)
    fill_demo(db.uow(), employees=DEMO_EMPLOYEES, today=DEMO_TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, qtbot: Any) -> Iterator[Database]:
    target = tmp_path / "hr.sqlite3"
    sqlite_backup(demo_template, target)
    db = open_as_admin(target)
    yield db
    wait_idle(qtbot)
    db.dispose()


@pytest.fixture
def window(demo_db: Database, qtbot: Any) -> MainWindow:
    """The main window on the demo database, shown (offscreen)."""
    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.show()
    return main
