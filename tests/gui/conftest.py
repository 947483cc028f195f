"""GUI test fixtures: offscreen Qt, no dialog can block, isolated settings, a demo database per test."""

from __future__ import annotations

import gc
import os

# Before anything imports Qt: no screen here, and CI has none either.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from databases import Location, copied_database, fresh_database
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget
from signing import ADMIN, open_as_admin
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.db import Database
from desktop_hr.models import Role
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.permissions import Principal
from desktop_hr.views import collector, i18n, operations
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


@pytest.fixture(autouse=True)
def _background_work_done(qtbot: Any) -> Iterator[None]:
    """No background operation outlives its test: its result must not reach widgets already deleted
    (a slow machine, or a test that failed half-way, would otherwise crash the next one)."""
    yield
    try:
        qtbot.waitUntil(lambda: operations.pending() == 0, timeout=60_000)
    except AssertionError:
        operations.wait_for_all(60_000)


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    configure_fonts(qapp)


@pytest.fixture(scope="session", autouse=True)
def _collector(qapp: QApplication) -> Iterator[None]:
    """As in the program: cycles are collected on the GUI thread only (views/collector.py)."""
    made = collector.install(qapp)
    yield
    made.timer.stop()
    gc.enable()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    """Built once through the services (fill_demo); each test gets its own copy."""
    with fresh_database(tmp_path_factory.mktemp("demo"), "demo") as location:
        db = open_as_admin(location)
        fill_demo(db.uow(), employees=DEMO_EMPLOYEES, today=DEMO_TODAY)
        db.dispose()
        yield location


@pytest.fixture
def demo_db(demo_template: Location, tmp_path: Path, qtbot: Any) -> Iterator[Database]:
    with copied_database(demo_template, tmp_path) as location:
        db = open_as_admin(location)
        yield db
        wait_idle(qtbot)
        # pytest-qt has closed the test's widgets: delete them now, so that no timer of theirs queries
        # the database after it is gone (a server database is dropped).
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        db.dispose()


@pytest.fixture
def window(demo_db: Database, qtbot: Any) -> MainWindow:
    """The main window on the demo database, shown (offscreen)."""
    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.show()
    return main


class RoleAccounts:
    """Real accounts in the demo database, made by the administrator (password `password`):
    `add(role, department_id=None, name=None)` makes one (the name defaults to the role's value), calling
    the fixture also signs it in with accounts.sign_in."""

    password = "role-pass-2026"

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, role: Role, department_id: int | None = None, name: str | None = None) -> str:
        account = name or role.value
        signed_in, self.db.principal = self.db.principal, ADMIN
        try:
            data = accounts.AccountData(
                account, role, display_name=f"{account} 测试", department_id=department_id
            )
            accounts.create_account(self.db.uow(), data, self.password, must_change=False)
        finally:
            self.db.principal = signed_in
        return account

    def __call__(self, role: Role, department_id: int | None = None, name: str | None = None) -> Principal:
        return accounts.sign_in(self.db, self.add(role, department_id, name), self.password)


@pytest.fixture
def sign_in_as(demo_db: Database) -> RoleAccounts:
    return RoleAccounts(demo_db)
