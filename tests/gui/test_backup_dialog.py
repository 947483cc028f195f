"""File > Backups…: back up now lists the new backup; restore asks first, then the window reopens the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from databases import sqlite_only
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from tampering import trail
from tests_gui_helpers import wait_idle

from desktop_hr.services.trust import backups
from desktop_hr.services.trust.audit import Action
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
    assert dialog.table.item(0, 2).text() == made.name
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
