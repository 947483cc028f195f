"""Start and close: the integrity check and the backups run off the GUI thread with progress shown, and the
window closes only once the writes under way (named) are done and the exit backup is taken."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from databases import sqlite_only
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
from tampering import trail
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.db import Database
from desktop_hr.services.trust import backups
from desktop_hr.services.trust.audit import Action
from desktop_hr.views import app, operations
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.operations import Task, run_in_background

pytestmark = sqlite_only("the start check and the automatic backups are for SQLite files")


class Heartbeat:
    """A 10 ms timer on the GUI thread: its ticks show the thread answered all along."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def __enter__(self) -> Heartbeat:
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.stop()

    def longest_gap(self) -> float:
        return max((b - a for a, b in itertools.pairwise(self.ticks)), default=float("inf"))


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Held work waits on it; set at the end whatever happens, so that nothing outlives the test."""
    event = threading.Event()
    yield event
    event.set()


def _click_button(dialog: QProgressDialog, text: str) -> None:
    [button] = dialog.findChildren(QPushButton)
    assert button.isVisible() and button.text() == text
    button.click()


def _backups_of(db: Database) -> list[backups.BackupFile]:
    path = db.sqlite_path
    assert path is not None
    return backups.list_backups(backups.policy(db).folder, backups.identity(db))


def test_the_check_before_opening_runs_off_the_gui_thread(
    demo_db: Database, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = demo_db.sqlite_path
    assert path is not None
    gui_thread = threading.get_ident()
    checked_on: list[int] = []
    real_check = backups.quick_problem

    def slow_check(checked: Path) -> str | None:
        checked_on.append(threading.get_ident())
        time.sleep(0.4)
        return real_check(checked)

    monkeypatch.setattr(backups, "quick_problem", slow_check)
    with Heartbeat() as heartbeat:
        opened = app.open_database(str(path))
    assert opened is not None
    try:
        assert checked_on and gui_thread not in checked_on
        assert len(heartbeat.ticks) >= 5, "the GUI thread answered its timer while the check ran"
        assert heartbeat.longest_gap() < 0.3, "never blocked for the 0.4 s of the check"
    finally:
        opened.dispose()


def test_the_window_opens_without_checking_or_backing_up_on_the_gui_thread(
    demo_db: Database, qtbot: Any, monkeypatch: pytest.MonkeyPatch, gate: threading.Event
) -> None:
    gui_thread = threading.get_ident()
    checked_on: list[int] = []
    real_check, real_take = backups.quick_problem, backups.take_backup
    monkeypatch.setattr(
        backups, "quick_problem", lambda path: checked_on.append(threading.get_ident()) or real_check(path)
    )
    copied_on: list[int] = []

    def held_back(*args: Any, **kwargs: Any) -> backups.BackupFile:
        copied_on.append(threading.get_ident())
        kwargs["progress"](10, 100)
        assert gate.wait(10), "the test never let the backup go on"
        return real_take(*args, **kwargs)

    monkeypatch.setattr(backups, "take_backup", held_back)
    started = time.perf_counter()
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert time.perf_counter() - started < 5, "built without waiting for the backup"
    assert gui_thread not in checked_on, "no integrity check on the GUI thread"
    assert not _backups_of(demo_db), "the start backup has not been taken yet"
    qtbot.waitUntil(window.safekeeping.progress_bar.isVisible)
    assert window.safekeeping.status_label.text() == "正在备份数据库…"
    assert copied_on and gui_thread not in copied_on
    gate.set()
    qtbot.waitUntil(lambda: window.safekeeping.start_run is None, timeout=30_000)
    assert not window.safekeeping.progress_bar.isVisible()
    [made] = _backups_of(demo_db)
    assert str(made.path) in window.statusBar().currentMessage()
    wait_idle(qtbot)
    assert [e.reason for e in trail(demo_db) if e.action == Action.BACKUP] == ["自动备份"]


def test_closing_while_a_write_runs_names_it_then_backs_up_and_closes(
    window: MainWindow, qtbot: Any, gate: threading.Event
) -> None:
    qtbot.waitUntil(lambda: window.safekeeping.start_run is None, timeout=30_000)
    wait_idle(qtbot)
    taken = _backups_of(window.db)
    run_in_background(
        window, lambda _task: gate.wait(10), success=lambda _done: None, label="保存员工 00001 张三"
    )
    started = time.perf_counter()
    assert not window.close(), "the window stays open while the write runs"
    assert time.perf_counter() - started < 1.0, "asking to close never blocks"
    assert window.isVisible()
    dialog = window.safekeeping.dialog
    assert dialog is not None and dialog.isVisible()
    assert "保存员工 00001 张三" in dialog.labelText()
    qtbot.wait(300)
    assert window.isVisible() and _backups_of(window.db) == taken, "no backup before the write is done"
    gate.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    wait_idle(qtbot)
    # The day's backups rotate to the newest one: the exit backup replaced the one of the start.
    [newest] = _backups_of(window.db)
    assert newest.path not in [b.path for b in taken], "the backup at exit was taken"
    last = trail(window.db)[-1]
    assert (last.action, last.reason) == (Action.BACKUP, "自动备份"), "and recorded before the window closed"


def test_keep_the_window_open_takes_the_close_back(
    window: MainWindow, qtbot: Any, gate: threading.Event
) -> None:
    run_in_background(window, lambda _task: gate.wait(10), success=lambda _done: None, label="导入课程")
    window.close()
    dialog = window.safekeeping.dialog
    assert dialog is not None and "导入课程" in dialog.labelText()
    _click_button(dialog, "保持窗口打开")
    gate.set()
    wait_idle(qtbot)
    qtbot.wait(300)
    assert window.isVisible() and not window.safekeeping.closing


def test_close_without_backup_stops_it_and_leaves_no_file(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.waitUntil(lambda: window.safekeeping.start_run is None, timeout=30_000)
    wait_idle(qtbot)
    taken = _backups_of(window.db)
    checking = threading.Event()
    real_check = backups.check_backup

    def slow_check(path: Path, cancelled: Any = None) -> None:
        checking.set()
        while not cancelled():  # a long integrity check, until stopped
            time.sleep(0.01)
        real_check(path, cancelled)

    monkeypatch.setattr(backups, "check_backup", slow_check)
    window.close()
    qtbot.waitUntil(checking.is_set, timeout=30_000)
    dialog = window.safekeeping.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.labelText() == "关闭前正在检查备份…"
    _click_button(dialog, "不备份直接关闭")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    wait_idle(qtbot)
    folder = backups.policy(window.db).folder
    assert _backups_of(window.db) == taken
    assert not list(folder.glob("*.partial*")), "nothing half-written is left"


def test_a_failed_backup_at_exit_is_said_and_the_clerk_may_stay(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, dialog_answers: DialogAnswers
) -> None:
    qtbot.waitUntil(lambda: window.safekeeping.start_run is None, timeout=30_000)
    wait_idle(qtbot)

    def disk_full(*_args: Any, **_kwargs: Any) -> backups.BackupFile:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "take_backup", disk_full)
    dialog_answers.questions.append(QMessageBox.StandardButton.No)
    window.close()
    wait_idle(qtbot)
    kind, _title, text = dialog_answers.shown[-1]
    assert kind == "question" and "磁盘已满" in text
    assert window.isVisible() and not window.safekeeping.closing, "No: the window stays open"

    window.close()  # and closing again asks again; Yes closes without a backup
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert [k for k, _t, _x in dialog_answers.shown].count("question") == 2


def test_a_slow_read_does_not_hold_up_closing(window: MainWindow, qtbot: Any, gate: threading.Event) -> None:
    qtbot.waitUntil(lambda: window.safekeeping.start_run is None, timeout=30_000)
    wait_idle(qtbot)

    def slow_read(_task: Task) -> None:
        gate.wait(10)

    operations.run_query(window, slow_read, success=lambda _none: None)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert operations.pending() >= 1, "closed while the read still runs"
    gate.set()
