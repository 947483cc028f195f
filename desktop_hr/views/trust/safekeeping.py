"""The automatic backups at start and exit, in the background; a window that closes once its data is safe.

At start the day's backup is copied on the reader pool (it writes nothing to the database, so it never
holds up a clerk's writes) while a progress bar in the status bar follows it; then it is noted in the
audit trail on the writer. Closing the window does not wait on the GUI thread: the window stays open with
a dialog that names the writes still under way (Keep the window open takes the close back), then follows
the exit backup, and the window closes itself once the backup is taken and recorded. "Close without backup"
stops the copy: a backup is written under a temporary name and renamed only once checked, so a stopped or
failed one leaves nothing that looks like a backup. A failed backup is said, and the clerk chooses whether
to close anyway. Reads still running are not waited for: their answers have nobody to go to.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QProgressDialog

from desktop_hr.db import Database
from desktop_hr.errors import DomainError
from desktop_hr.services.trust import backups
from desktop_hr.services.trust.backups import BackupFile
from desktop_hr.views import feedback, operations
from desktop_hr.views.operations import PROGRESS_INTERVAL_S, Operation, OperationCancelled, Task

log = logging.getLogger(__name__)

WAIT_POLL_MS = 100
SHOW_AFTER_MS = 300  # a quick backup closes the window before its dialog would flash up


def reason_of(error: BaseException) -> str:
    """What went wrong, in the user's words where the program knows them."""
    if isinstance(error, DomainError):
        return error.message()
    return feedback.known_problem(error) or f"{type(error).__name__}: {error}"


class BackupRun(QObject):
    """One backup: copied and checked on the reader pool, then recorded in the audit trail on the writer.

    `automatic`: the backup at start (only when none was taken today) or at exit (`on_exit`, always),
    taken for whoever is signed in; otherwise the administrator's "Back up now" (into `folder` if given).
    The signals arrive on the GUI thread: `progressed(done, total)` ((0, 0) while the copy is checked),
    then `done(BackupFile, or None when no backup was due)` or `failed(error)` (OperationCancelled when
    stopped). Keep a reference while it runs; it has no parent, so that a window closing under it does not
    delete it while its worker still reports.
    """

    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self, db: Database, *, automatic: bool, on_exit: bool = False, folder: Path | None = None
    ) -> None:
        super().__init__(None)
        self._db = db
        self._automatic = automatic
        self._on_exit = on_exit
        self._folder = folder
        self._operation: Operation[BackupFile | None] | None = None
        self._lock = threading.Lock()
        self._last_emit = 0.0
        self.recording = False  # the copy is made; its audit entry is being written

    def start(self) -> None:
        self._operation = operations.run_query(
            None, self._copy, success=self._copied, failure=self.failed.emit
        )

    def cancel(self) -> None:
        """Stop the copy or its check (the audit entry of a finished copy is still written)."""
        if self._operation is not None and not self.recording:
            self._operation.cancel()

    def _report(self, done: int, total: int) -> None:
        """From the worker: progress, at most ~20 times a second (the GUI thread gets it queued)."""
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last_emit < PROGRESS_INTERVAL_S:
                return
            self._last_emit = now
        self.progressed.emit(done, total)

    def _copy(self, task: Task) -> BackupFile | None:
        now = datetime.now()
        if self._automatic and not backups.automatic_backup_due(self._db, now, on_exit=self._on_exit):
            return None
        return backups.take_backup(
            self._db,
            now,
            self._folder,
            automatic=self._automatic,
            progress=self._report,
            cancelled=task.cancelled,
        )

    def _copied(self, made: BackupFile | None) -> None:
        if made is None:
            self.done.emit(None)
            return
        self.recording = True
        db, automatic = self._db, self._automatic
        operations.run_in_background(
            None,
            lambda _task: backups.record_backup(db, made, automatic=automatic),
            success=lambda _none: self.done.emit(made),
            failure=self.failed.emit,
            label=self.tr("Recording the backup in the audit trail"),
        )


class Safekeeping(QObject):
    """The window's start backup (status bar) and its closing (dialog, exit backup); `db()` is the window's
    database of the moment (it may switch to another)."""

    def __init__(self, window: QMainWindow, db: Callable[[], Database]) -> None:
        super().__init__(window)
        self.setObjectName("safekeeping")
        self._window = window
        self._db = db
        self.status_label = QLabel(window)
        self.status_label.setObjectName("backup_status_label")
        self.progress_bar = QProgressBar(window)
        self.progress_bar.setObjectName("backup_progress_bar")
        self.progress_bar.setMaximumWidth(140)
        self.progress_bar.setTextVisible(False)
        window.statusBar().addPermanentWidget(self.status_label)
        window.statusBar().addPermanentWidget(self.progress_bar)
        self.status_label.hide()
        self.progress_bar.hide()
        self.start_run: BackupRun | None = None
        self.exit_run: BackupRun | None = None
        self.may_close = False  # the window's closeEvent lets it close
        self.closing = False
        self.dialog: QProgressDialog | None = None
        self._waiting = QTimer(self)
        self._waiting.setObjectName("closing_wait_timer")
        self._waiting.setInterval(WAIT_POLL_MS)
        self._waiting.timeout.connect(self._wait_for_writes)

    # ---- at start ------------------------------------------------------------------------------------

    def back_up_at_start(self) -> None:
        """The day's first start takes a backup, in the background; the status bar follows it."""
        db = self._db()
        if db.sqlite_path is None:
            return  # a PostgreSQL server is backed up with the server's own tools
        run = BackupRun(db, automatic=True)
        run.progressed.connect(self._start_progressed)
        run.done.connect(self._start_done)
        run.failed.connect(self._start_failed)
        self.start_run = run
        run.start()

    def _start_progressed(self, done: int, total: int) -> None:
        checking = (done, total) == (0, 0)
        self.status_label.setText(
            self.tr("Checking the backup…") if checking else self.tr("Backing up the database…")
        )
        self.status_label.setToolTip("")
        self.status_label.setStyleSheet("")
        self.status_label.show()
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)
        self.progress_bar.show()

    def _start_done(self, made: BackupFile | None) -> None:
        self.start_run = None
        self.status_label.hide()
        self.progress_bar.hide()
        if made is not None:
            self._window.statusBar().showMessage(
                self.tr("Backup saved: {path}").format(path=made.path), 10_000
            )

    def _start_failed(self, error: BaseException) -> None:
        self.start_run = None
        self.progress_bar.hide()
        if isinstance(error, OperationCancelled):
            self.status_label.hide()  # closing: the backup at exit replaces it
            return
        log.error("the automatic backup at start failed: %r", error)
        # Not a message box over a clerk starting the day, but not silent either: it stays in the status bar.
        self.status_label.setText(self.tr("The automatic backup failed"))
        self.status_label.setToolTip(reason_of(error))
        self.status_label.setStyleSheet("color: #c62828;")
        self.status_label.show()

    # ---- closing ------------------------------------------------------------------------------------

    def close_requested(self) -> bool:
        """True when the window may close now. Else closing begins (or goes on): the window stays open until
        the writes under way are done and the exit backup is taken, then closes itself."""
        if self.may_close:
            return True
        if self.closing:
            if self.dialog is not None:
                self.dialog.show()  # asked again: what the window waits for is shown at once
            return False
        if not self.waiting_for() and self._db().sqlite_path is None:
            self.may_close = True  # nothing to wait for, no backup to take (a server database)
            return True
        self.closing = True
        if self.start_run is not None:
            self.start_run.cancel()  # the backup at exit, a moment later, replaces it
        self.dialog = self._make_dialog()
        self._wait_for_writes()
        if self.closing and self.exit_run is None:
            self._waiting.start()
        return False

    def _make_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self._window)
        dialog.setObjectName("closing_dialog")
        dialog.setWindowTitle(self.tr("Closing"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.canceled.connect(self._dialog_cancelled)
        return dialog

    def _show_dialog(self) -> None:
        if self.closing and self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.show()

    def waiting_for(self) -> list[str]:
        """What the window waits for before it backs up and closes: the writes under way, by name."""
        return [label or self.tr("A change being saved") for label in operations.writes_pending()]

    def _wait_for_writes(self) -> None:
        pending = self.waiting_for()
        dialog = self.dialog
        if dialog is None:
            return
        if pending:
            dialog.setLabelText(
                self.tr("The window closes once this is finished:")
                + "\n"
                + "\n".join(f"• {p}" for p in pending)
            )
            dialog.setCancelButtonText(self.tr("Keep the window open"))
            dialog.show()  # at once: the clerk sees why the window is still there
            return
        self._waiting.stop()
        self._back_up_at_exit()

    def _back_up_at_exit(self) -> None:
        db = self._db()
        if db.sqlite_path is None:
            self._finish()
            return
        run = BackupRun(db, automatic=True, on_exit=True)
        run.progressed.connect(self._exit_progressed)
        run.done.connect(self._exit_done)
        run.failed.connect(self._exit_failed)
        self.exit_run = run
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Backing up the database before closing…"))
            self.dialog.setCancelButtonText(self.tr("Close without backup"))
            QTimer.singleShot(SHOW_AFTER_MS, self, self._show_dialog)
        run.start()

    def _exit_progressed(self, done: int, total: int) -> None:
        if self.dialog is None:
            return
        if (done, total) == (0, 0):
            self.dialog.setLabelText(self.tr("Checking the backup before closing…"))
        self.dialog.setRange(0, max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)

    def _exit_done(self, _made: BackupFile | None) -> None:
        self._finish()

    def _dialog_cancelled(self) -> None:
        if self.exit_run is not None:
            log.warning("the backup at exit was stopped: the program closes without it")
            self.exit_run.cancel()
            return
        self._abandon()  # while waiting for writes: "Keep the window open"

    def _exit_failed(self, error: BaseException) -> None:
        if isinstance(error, OperationCancelled):
            self._finish()
            return
        log.error("the backup at exit failed: %r", error)
        if self.dialog is not None:
            self.dialog.hide()
        if not shiboken6.isValid(self._window):
            return
        close_anyway = feedback.confirm(
            self._window,
            self.tr("Backup at exit failed"),
            self.tr("The backup could not be taken: {reason}\n\nClose the program without a backup?").format(
                reason=reason_of(error)
            ),
            destructive=True,
        )
        if close_anyway:
            self._finish()
        else:
            self._abandon()

    def _abandon(self) -> None:
        """The window stays open (closing can be asked again)."""
        self._waiting.stop()
        self.closing = False
        self.exit_run = None
        self._drop_dialog()

    def _drop_dialog(self) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = None

    def _finish(self) -> None:
        self._drop_dialog()
        self.may_close = True
        self.closing = False
        if shiboken6.isValid(self._window):
            self._window.close()
