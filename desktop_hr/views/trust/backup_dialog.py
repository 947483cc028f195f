"""File > Backups…: the office identity, the backup folder, the rotation counts, this office's backups,
back up now, restore (one of them, or a file chosen anywhere, e.g. on a USB stick).

Everything the dialog reads (the settings, the list of backups) and does (saving, backing up, restoring)
runs off the GUI thread: it opens at once with its fields disabled and fills in when they arrive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database
from desktop_hr.services.trust import backups, restoring
from desktop_hr.services.trust.backups import BackupFile, BackupPolicy
from desktop_hr.services.trust.office_identity import short_id
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.services.trust.restoring import RestoreRefused, RestoreResult
from desktop_hr.views import feedback
from desktop_hr.views.operations import LatestQuery, Task, run_in_background
from desktop_hr.views.roles import permit
from desktop_hr.views.trust.restore_refusal import RestoreRefusalBox
from desktop_hr.views.trust.safekeeping import BackupRun, reason_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupState:
    """What the dialog shows: the settings, the office identity, and this office's backups in the folder
    (then those taken before identities, of a database of this name), newest first."""

    policy: BackupPolicy
    identity: str
    found: list[BackupFile]


def read_state(db: Database) -> BackupState:
    current = backups.policy(db)
    identity = backups.identity(db)
    path = db.sqlite_path
    found = []
    if path is not None:
        found = backups.list_backups(current.folder, identity) + backups.untagged_backups(
            current.folder, path.stem
        )
    return BackupState(current, identity, found)


class BackupDialog(QDialog):
    """Non-modal. After a restore it calls `restored(path)`: the owner reopens the database."""

    def __init__(self, db: Database, restored: Callable[[Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Backups"))
        self._db = db
        self._restored = restored
        self._loads = LatestQuery(self)
        self._run: BackupRun | None = None
        self.found: list[BackupFile] = []
        self.identity_label = QLabel(self)
        self.identity_label.setObjectName("office_identity")
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("backup_folder")
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("choose_backup_folder")
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.daily = self._count("keep_daily")
        self.weekly = self._count("keep_weekly")
        self.monthly = self._count("keep_monthly")
        form = QFormLayout()
        form.addRow(self.tr("Office identity:"), self.identity_label)
        form.addRow(self.tr("Backup folder:"), folder_row)
        form.addRow(self.tr("Daily backups kept:"), self.daily)
        form.addRow(self.tr("Weekly backups kept:"), self.weekly)
        form.addRow(self.tr("Monthly backups kept:"), self.monthly)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken at"), self.tr("Office"), self.tr("Size"), self.tr("File")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(self.tr("Loading…"), self)
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("backup_dialog_progress")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.back_up_button = QPushButton(self.tr("Back up now"), self)
        self.back_up_button.setObjectName("back_up_now")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restore_backup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from file…"), self)
        self.restore_file_button.setObjectName("restore_from_file")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.refusal: RestoreRefusalBox | None = None
        self.save_button = QPushButton(self.tr("Save settings"), self)
        self.save_button.setObjectName("save_backup_settings")
        self.save_button.clicked.connect(lambda _checked=False: self.save_settings())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("backup_buttons")
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.save_button, self.back_up_button, self.restore_button, self.restore_file_button):
            actions.addWidget(button)
        actions.addStretch(1)
        permit(
            db.principal,
            Permission.BACKUP,
            self.choose_button,
            self.save_button,
            self.back_up_button,
            self.restore_button,
            self.restore_file_button,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(720, 460)
        self._set_busy(True)
        self.refresh()

    def _count(self, name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(0, backups.KEEP_MAX)
        return box

    def _set_busy(self, busy: bool) -> None:
        """While loading, saving, backing up or restoring: nothing else can be started (the buttons an
        account may not use are hidden anyway)."""
        for widget in (
            self.folder_edit,
            self.daily,
            self.weekly,
            self.monthly,
            self.choose_button,
            self.save_button,
            self.back_up_button,
            self.restore_file_button,
        ):
            widget.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and bool(self.found))

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

    # ---- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the settings and the backups in their folder again (in the background)."""
        db = self._db
        self._loads.run(lambda _task: read_state(db), self._show_state, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText(
            self.tr("The backups could not be listed: {reason}").format(reason=reason_of(error))
        )
        self._set_busy(False)

    def _show_state(self, state: BackupState) -> None:
        current = state.policy
        self.folder_edit.setText(str(current.folder))
        self.daily.setValue(current.daily)
        self.weekly.setValue(current.weekly)
        self.monthly.setValue(current.monthly)
        self.identity_label.setText(
            f"{short_id(state.identity)}  ({state.identity})" if state.identity else self.tr("(none)")
        )
        self.found = state.found
        self.table.setRowCount(len(state.found))
        for row, backup in enumerate(state.found):
            size = QTableWidgetItem(self.tr("{size:,} KB").format(size=max(1, backup.size // 1024)))
            for column, item in enumerate(
                (
                    QTableWidgetItem(backup.taken_at.strftime("%Y-%m-%d %H:%M:%S")),
                    QTableWidgetItem(backup.office or self.tr("unknown (older backup)")),
                    size,
                    QTableWidgetItem(backup.path.name),
                )
            ):
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()  # a few dozen rows at most: the times are never cut short
        if state.found:
            self.table.selectRow(0)
        if self.status.text() == self.tr("Loading…"):
            self.status.clear()
        self._set_busy(self._run is not None)

    # ---- saving and backing up --------------------------------------------------------------------

    def save_settings(self, then: Callable[[], None] | None = None) -> None:
        """Store the folder and counts on the writer; `then()` once stored (a refusal is said)."""
        chosen, db = self.chosen_policy(), self._db
        self._set_busy(True)

        def saved(_none: None) -> None:
            self.refresh()
            if then is not None:
                then()

        def refused(error: BaseException) -> None:
            self._set_busy(False)
            feedback.show_refusal(self, self.tr("Backups"), error)

        run_in_background(
            self,
            lambda _task: backups.save_policy(db.uow(), chosen),
            success=saved,
            failure=refused,
            label=self.tr("Saving the backup settings"),
        )

    def back_up_now(self) -> None:
        """Save the settings, then back up into the chosen folder with progress in the dialog."""
        self.save_settings(then=self._start_backup)

    def _start_backup(self) -> None:
        run = BackupRun(self._db, automatic=False)
        run.progressed.connect(self._backup_progressed)
        run.done.connect(self._backed_up)
        run.failed.connect(self._backup_failed)
        self._run = run
        self._set_busy(True)
        self.status.setText(self.tr("Backing up the database…"))
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        run.start()

    def _backup_progressed(self, done: int, total: int) -> None:
        if (done, total) == (0, 0):
            self.status.setText(self.tr("Checking the backup…"))
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)

    def _backup_ended(self) -> None:
        self._run = None
        self.progress_bar.hide()
        self._set_busy(False)

    def _backed_up(self, made: BackupFile | None) -> None:
        self._backup_ended()
        if made is not None:
            self.status.setText(self.tr("Backup saved: {path}").format(path=made.path))
        self.refresh()

    def _backup_failed(self, error: BaseException) -> None:
        self._backup_ended()
        self.status.clear()
        feedback.show_refusal(self, self.tr("Backups"), error)

    # ---- restoring --------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.found):
            return
        chosen = self.found[row]
        when = chosen.taken_at.strftime("%Y-%m-%d %H:%M:%S")
        question = self.tr(
            "Replace the database with the backup of {time}?\n"
            "The current file is kept aside, and the program reopens the database."
        ).format(time=when)
        if feedback.confirm(self, self.tr("Restore backup"), question, destructive=True):
            self.restore_file(chosen.path)

    def restore_from_file(self) -> None:
        """A backup file chosen anywhere (another folder, a USB stick): checked like any other."""
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from file"),
            self.folder_edit.text(),
            self.tr("Backups (*.backup.sqlite3 *.sqlite3 *.db);;All files (*)"),
        )
        if not chosen:
            return
        question = self.tr(
            "Replace the database with the file {file}?\n"
            "The current file is kept aside, and the program reopens the database."
        ).format(file=chosen)
        if feedback.confirm(self, self.tr("Restore backup"), question, destructive=True):
            self.restore_file(Path(chosen))

    def restore_file(self, backup: Path, *, force: bool = False) -> None:
        """Restore `backup` on the writer; a refusal opens the dialog that says what differs, where the
        administrator may confirm (`force`)."""
        path = self._db.sqlite_path
        if path is None:
            return
        db = self._db

        def work(_task: Task) -> RestoreResult:
            # On the writer: every write queued before has been made; nothing else writes meanwhile.
            db.dispose()
            return restoring.restore(path, backup, datetime.now(), principal=db.principal, force=force)

        def done(result: RestoreResult) -> None:
            self._set_busy(False)
            self.status.setText(
                self.tr("Restored; the previous file was kept as {aside}").format(aside=result.kept_aside)
            )
            self._restored(path)
            self.accept()

        def refused(error: BaseException) -> None:
            self._set_busy(False)
            if isinstance(error, RestoreRefused):
                self.show_refusal(error)
            else:
                feedback.show_refusal(self, self.tr("Restore backup"), error)

        self._set_busy(True)
        label = self.tr("Restoring {file}…").format(file=backup.name)
        run_in_background(self, work, success=done, failure=refused, progress_label=label, label=label)

    def show_refusal(self, refused: RestoreRefused) -> None:
        box = RestoreRefusalBox(refused, self)
        self.refusal = box

        def answered(_result: int) -> None:
            self.refusal = None
            box.deleteLater()
            if box.confirmed():
                self.restore_file(refused.backup, force=True)

        box.finished.connect(answered)
        box.open()
