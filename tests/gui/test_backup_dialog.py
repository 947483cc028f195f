"""File > Backups…: back up now lists the new backup; restore asks first, then the window reopens the database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from databases import sqlite_only
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from signing import open_as_admin
from tampering import trail
from tests_gui_helpers import wait_idle

from desktop_hr.services.trust import backups
from desktop_hr.services.trust.audit import Action
from desktop_hr.services.trust.office_identity import short_id
from desktop_hr.views.main_window import MainWindow
from desktop_hr.views.trust.backup_dialog import BackupDialog

pytestmark = sqlite_only("backups copy SQLite files (a PostgreSQL server is backed up with pg_dump)")


def _note(window: MainWindow, value: str) -> None:
    with window.db.uow() as uow:
        backups.put_text(uow.session, "test.note", value)
        uow.commit()


def _read_note(window: MainWindow) -> str:
    with window.db.read_session() as session:
        return backups.get_text(session, "test.note", "")


def test_back_up_now_lists_the_new_backup_in_the_chosen_folder(
    window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: window.safekeeping.start_run is None)  # the backup at start, in the background
    window.backups_action.trigger()
    dialog = window.findChild(BackupDialog, "backup_dialog")
    assert dialog is not None and dialog.isVisible()
    wait_idle(qtbot)  # the settings and the list arrive
    usb = tmp_path / "usb"
    dialog.folder_edit.setText(str(usb))
    dialog.daily.setValue(3)
    assert dialog.table.rowCount() == 1, "the automatic backup taken when the window opened"
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.table.rowCount() == 1, "the list now shows the chosen folder"
    [made] = list(usb.glob("*.backup.sqlite3"))
    assert dialog.table.item(0, 3).text() == made.name
    assert str(made) in dialog.status.text()
    assert backups.policy(window.db).folder == usb  # the folder and counts were saved with it
    assert backups.policy(window.db).daily == 3
    taken = [e for e in trail(window.db) if e.action == Action.BACKUP]
    assert [(e.account, e.reason) for e in taken] == [("hr", "自动备份"), ("hr", "")], (
        "at start, then by hand"
    )
    assert taken[-1].summary == str(made)


def test_restore_asks_then_brings_back_the_backup_and_keeps_the_current_file(
    window: MainWindow, qtbot: Any, dialog_answers: Any
) -> None:
    path = window.db.sqlite_path
    assert path is not None
    _note(window, "backed up")
    dialog = window.show_backups()
    wait_idle(qtbot)
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    _note(window, "changed later")

    dialog_answers.questions.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert _read_note(window) == "changed later", "No leaves everything as it was"

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)  # Yes
    wait_idle(qtbot)
    assert dialog_answers.shown[-1][0] == "question"
    assert _read_note(window) == "backed up", "the window works on the restored database"
    last = trail(window.db)[-1]
    assert (last.action, last.account) == (Action.RESTORE, "hr"), "the restored trail says who restored it"
    assert last.summary.endswith(".backup.sqlite3")
    assert list(path.parent.glob("hr.before-restore-*.sqlite3")), "the current file was kept aside"


def test_the_dialog_shows_the_office_identity_and_each_backups_office(
    window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: window.safekeeping.start_run is None)
    dialog = window.show_backups()
    wait_idle(qtbot)
    identity = backups.identity(window.db)
    assert dialog.identity_label.text() == f"{short_id(identity)}  ({identity})"
    assert dialog.table.item(0, 1).text() == short_id(identity)
    dialog.grab().save(str(tmp_path / "backup_dialog.png"))
    print("screenshot:", tmp_path / "backup_dialog.png")


def test_another_offices_backup_opens_the_refusal_dialog_then_restores_only_when_confirmed(
    window: MainWindow, qtbot: Any, dialog_answers: Any, tmp_path: Path
) -> None:
    path = window.db.sqlite_path
    assert path is not None
    _note(window, "our data")
    ours = backups.identity(window.db)
    other = open_as_admin(tmp_path / "branch" / "hr.sqlite3")
    try:
        theirs = backups.identity(other)
        foreign = backups.back_up(other, datetime(2026, 3, 1, 8)).path
    finally:
        other.dispose()
    dialog = window.show_backups()
    wait_idle(qtbot)
    dialog_answers.open_file = str(foreign)

    qtbot.mouseClick(dialog.restore_file_button, Qt.MouseButton.LeftButton)  # then Yes to the question
    qtbot.waitUntil(lambda: dialog.refusal is not None and dialog.refusal.isVisible())
    box = dialog.refusal
    assert box is not None
    assert str(foreign) in box.text()
    assert "另一个单位的备份" in box.informativeText()
    assert short_id(theirs) in box.informativeText() and short_id(ours) in box.informativeText()
    assert box.defaultButton() is box.cancel_button, "not restoring is the default"
    box.grab().save(str(tmp_path / "restore_refusal.png"))
    print("screenshot:", tmp_path / "restore_refusal.png")
    box.cancel_button.click()
    wait_idle(qtbot)
    assert _read_note(window) == "our data" and backups.identity(window.db) == ours
    assert not list(path.parent.glob("hr.before-restore-*")), "nothing was restored"

    qtbot.mouseClick(dialog.restore_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal is not None and dialog.refusal.isVisible())
    dialog.refusal.restore_anyway.click()
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: backups.identity(window.db) == theirs)
    last = trail(window.db)[-1]
    assert last.action == Action.RESTORE and "管理员确认后恢复" in last.reason
    assert list(path.parent.glob("hr.before-restore-*.sqlite3")), "our file was kept aside"
