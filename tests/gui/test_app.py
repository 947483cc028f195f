"""Starting the window: known problems as plain messages, bugs as the crash dialog, a bad database file."""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from databases import sqlite_only
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from tests_gui_helpers import DialogAnswers

from desktop_hr import paths
from desktop_hr.models import Employee
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.trust import accounts, backups
from desktop_hr.services.trust.database import open_database
from desktop_hr.views import app, feedback
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.settings import LAST_DATABASE_KEY, app_settings
from desktop_hr.views.trust.login_dialog import FirstAdminDialog


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked")), "占用"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "只读"),
        (sqlite3.OperationalError("database or disk is full"), "磁盘已满"),
        (OSError(errno.ENOSPC, "No space left on device", "out.xlsx"), "磁盘已满"),
        (PermissionError(errno.EACCES, "Permission denied", "out.xlsx"), "out.xlsx"),
    ],
)
def test_known_problems_are_plain_messages(
    error: BaseException, words: str, dialog_answers: DialogAnswers
) -> None:
    feedback.set_database_name("hr.sqlite3")
    feedback.show_error(None, error)
    assert words in dialog_answers.texts("warning")[-1]


def test_a_bug_gets_the_crash_dialog_with_the_log_path(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    try:
        raise ValueError("boom")
    except ValueError as exc:
        feedback.excepthook(type(exc), exc, exc.__traceback__)
    box = shown[-1]
    assert box.objectName() == "crash_dialog"
    assert "boom" in box.text()
    assert str(paths.log_path()) in box.informativeText()
    assert "Traceback" in box.detailedText()


@pytest.fixture
def restore_process_state(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handlers = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.mark.usefixtures("restore_process_state")
def test_run_gui_shows_the_window_quickly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot: Any
) -> None:
    seen: list[tuple[MainWindow, float]] = []
    started = time.monotonic()

    def fake_exec() -> int:
        # A new database: the first administrator is asked for first, then the window opens.
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, FirstAdminDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
            )
        )
        [first] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, FirstAdminDialog) and w.isVisible()
        ]
        first.name_edit.setText("admin")
        for edit in (first.password_edit, first.repeat_edit):
            edit.setText("admin-pass-2026")
        first.ok_button.click()
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.append((windows[0], time.monotonic() - started))
        for window in windows:
            qtbot.addWidget(window)
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app.run_gui(None) == 0  # a first start: the data folder's database is made
    window, elapsed = seen[0]
    assert window.db.sqlite_path == paths.default_db_path()
    assert elapsed < 2.0
    assert paths.log_path().exists()


@pytest.mark.usefixtures("restore_process_state")
def test_a_file_that_is_not_a_database_offers_another(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(b"this is not an SQLite file at all" * 100)
    seen: list[str] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box.text())
        quit_button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
        quit_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert app.open_database(str(bad)) is None
    assert seen and "notes.sqlite3" in seen[0]


@sqlite_only("SQLite files and their backups only")
@pytest.mark.usefixtures("restore_process_state")
def test_a_damaged_file_offers_its_latest_good_backup(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "hr.sqlite3"
    db = open_database(path)
    accounts.create_first_admin(db, "admin", "admin-pass-2026")
    fill_demo(db.uow(), employees=60, training=False)
    backups.back_up(db, datetime(2026, 11, 1, 8))
    db.dispose()
    checkpoint = sqlite3.connect(path)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    with path.open("r+b") as damaged:  # a disk error in the middle of the file
        damaged.seek(4096 * 6)
        damaged.write(b"\xff" * 4096 * 4)
    assert backups.quick_problem(path) is not None

    seen: list[str] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box.text())
        restore = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole)
        restore.click()
        return 0

    typed = iter([("admin", True), ("admin-pass-2026", True)])
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_args, **_kw: next(typed)))
    monkeypatch.setattr(feedback, "inform", lambda _parent, _title, text: told.append(text))

    opened = app.open_database(str(path))
    assert opened is not None
    try:
        assert "已损坏" in seen[0] and "_20261101-080000" in seen[0]  # names the backup it offers
        assert told and "_20261101-080000" in told[0]
        assert backups.quick_problem(path) is None
        with opened.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Employee)) == 60
    finally:
        opened.dispose()


@pytest.mark.usefixtures("restore_process_state")
def test_a_remembered_database_that_has_gone_is_said_and_not_made_again_empty(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gone = tmp_path / "office" / "hr.sqlite3"
    app_settings().setValue(LAST_DATABASE_KEY, str(gone))
    seen: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box)
        quit_button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
        quit_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert app.open_database(None) is None
    assert seen and str(gone) in seen[0].text() and "不存在" in seen[0].text()
    assert not gone.exists() and not paths.default_db_path().exists(), "nothing was created instead"
    first = seen[0]
    assert not any(first.buttonRole(b) == QMessageBox.ButtonRole.YesRole for b in first.buttons()), (
        "no backup of it to offer"
    )
    db = open_database(gone)  # it existed once, and was backed up beside itself
    made = backups.back_up(db, datetime(2026, 11, 1, 8), automatic=True)
    db.dispose()
    gone.unlink()
    assert app.open_database(str(gone)) is None, "named with --db: the same"
    assert not gone.exists()
    offered = seen[-1]
    offers = [b.text() for b in offered.buttons() if offered.buttonRole(b) == QMessageBox.ButtonRole.YesRole]
    assert offers == ["恢复最近一份完好的备份…"], "the backup beside it is offered"
    assert made.path.parent == gone.parent / "backups" and "不存在" in offered.text()
