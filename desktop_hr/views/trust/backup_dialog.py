"""File > Backups…: the backup folder, the rotation counts, the existing backups, back up now, restore."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database
from desktop_hr.services.trust import backups
from desktop_hr.services.trust.backups import BackupPolicy
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.roles import permit

log = logging.getLogger(__name__)


class BackupDialog(QDialog):
    """Non-modal. After a restore it calls `restored(path)`: the owner reopens the database."""

    def __init__(self, db: Database, restored: Callable[[Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Backups"))
        self._db = db
        self._restored = restored
        current = backups.policy(db)
        self.folder_edit = QLineEdit(str(current.folder), self)
        self.folder_edit.setObjectName("backup_folder")
        choose = QPushButton(self.tr("Choose…"), self)
        choose.setObjectName("choose_backup_folder")
        choose.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.daily = self._count("keep_daily", current.daily)
        self.weekly = self._count("keep_weekly", current.weekly)
        self.monthly = self._count("keep_monthly", current.monthly)
        form = QFormLayout()
        form.addRow(self.tr("Backup folder:"), folder_row)
        form.addRow(self.tr("Daily backups kept:"), self.daily)
        form.addRow(self.tr("Weekly backups kept:"), self.weekly)
        form.addRow(self.tr("Monthly backups kept:"), self.monthly)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([self.tr("Taken at"), self.tr("Size"), self.tr("File")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(self)
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.back_up_button = QPushButton(self.tr("Back up now"), self)
        self.back_up_button.setObjectName("back_up_now")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restore_backup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.save_button = QPushButton(self.tr("Save settings"), self)
        self.save_button.setObjectName("save_backup_settings")
        self.save_button.clicked.connect(self.save_settings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("backup_buttons")
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.save_button, self.back_up_button, self.restore_button):
            actions.addWidget(button)
        actions.addStretch(1)
        permit(
            db.principal,
            Permission.BACKUP,
            choose,
            self.save_button,
            self.back_up_button,
            self.restore_button,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(720, 460)
        self.refresh()

    def _count(self, name: str, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(0, backups.KEEP_MAX)
        box.setValue(value)
        return box

    def chosen_policy(self) -> BackupPolicy:
        return BackupPolicy(
            Path(self.folder_edit.text().strip()),
            self.daily.value(),
            self.weekly.value(),
            self.monthly.value(),
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def save_settings(self) -> bool:
        try:
            backups.save_policy(self._db.uow(), self.chosen_policy())
        except Exception as error:
            feedback.show_refusal(self, self.tr("Backups"), error)
            return False
        self.refresh()
        return True

    def existing_backups(self) -> list[backups.BackupFile]:
        path = self._db.sqlite_path
        if path is None:
            return []
        return backups.list_backups(backups.policy(self._db).folder, path.stem)

    def refresh(self) -> None:
        found = self.existing_backups()
        self.table.setRowCount(len(found))
        for row, backup in enumerate(found):
            size = QTableWidgetItem(self.tr("{size:,} KB").format(size=max(1, backup.size // 1024)))
            for column, item in enumerate(
                (
                    QTableWidgetItem(backup.taken_at.strftime("%Y-%m-%d %H:%M:%S")),
                    size,
                    QTableWidgetItem(backup.path.name),
                )
            ):
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        if found:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(found))

    def back_up_now(self) -> None:
        if not self.save_settings():
            return
        try:
            made = backups.back_up(self._db, datetime.now())
        except Exception as error:
            feedback.show_refusal(self, self.tr("Backups"), error)
            return
        self.refresh()
        self.status.setText(self.tr("Backup saved: {path}").format(path=made.path))

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        found = self.existing_backups()
        path = self._db.sqlite_path
        if not 0 <= row < len(found) or path is None:
            return
        chosen = found[row]
        question = self.tr(
            "Replace the database with the backup of {time}?\n"
            "The current file is kept aside, and the program reopens the database."
        ).format(time=chosen.taken_at.strftime("%Y-%m-%d %H:%M:%S"))
        if not feedback.confirm(self, self.tr("Restore backup"), question, destructive=True):
            return
        self._db.dispose()
        try:
            done = backups.restore(path, chosen.path, datetime.now(), principal=self._db.principal)
        except Exception as error:
            feedback.show_refusal(self, self.tr("Restore backup"), error)
            return
        self.status.setText(
            self.tr("Restored; the previous file was kept as {aside}").format(aside=done.kept_aside)
        )
        self._restored(path)
        self.accept()


def start_and_exit_backup(parent: QWidget, db: Database, *, on_exit: bool) -> None:
    """The automatic backup (start: once a day; exit: always) and, at start, the quick check.

    A failure never stops the program: it is logged, and at start a damaged database is reported with
    the latest good backup and the Backups dialog to restore it.
    """
    try:
        if not on_exit:
            backups.quick_check(db)
        backups.automatic_backup(db, datetime.now(), on_exit=on_exit)
    except backups.DatabaseDamaged as damaged:
        log.error("quick_check failed: %s", damaged)
        feedback.show_refusal(parent, parent.tr("Database damaged"), damaged)
    except Exception:
        log.exception("automatic backup failed")
