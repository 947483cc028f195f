"""Background operations, Anki style: writes on one worker thread in order, reads on their own pool; results
come back on the GUI thread, and what a write changed goes to the change hub.

SQLite has a single writer, so writes are serialised on one thread (a QThreadPool capped at one):
two clicks in a row run in the order they were made and never wait on each other's lock. Reads
(`run_query`, Anki's QueryOp) run on a second small pool, so a long import never keeps a tab from
loading (WAL lets readers go on beside the writer). Each operation opens its own unit of work inside
`fn` (sessions are never shared across threads). Every unit of work committed inside an operation
reports what it changed (services/changes.py); once the operation is delivered, the hub
(views/hub.py) tells every tab, which reloads what it shows or marks itself stale until shown.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_hr.services import changes
from desktop_hr.services.changes import Changes
from desktop_hr.views import feedback, hub

log = logging.getLogger(__name__)

T = TypeVar("T")

PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress updates a second reach the GUI


class OperationCancelled(Exception):
    """Raised inside an operation (by Task.check_cancelled) when the user pressed Cancel."""


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    progressed = Signal(int, int)
    finished = Signal(object, object, object)  # (result, error, Changes)


class Task:
    """What an operation's function gets: a thread-safe progress callback and the cancel flag."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._last_emit = 0.0

    def progress(self, done: int, total: int) -> None:
        """Callable[[int, int], None] for the services: may be called from the worker as often as it likes."""
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last_emit < PROGRESS_INTERVAL_S:
                return
            self._last_emit = now
        self._relay.progressed.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise OperationCancelled


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Task], Any], task: Task, relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._task = task
        self._relay = relay

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        with changes.collecting() as collected:
            try:
                result = self._fn(self._task)
            except BaseException as exc:  # delivered to the GUI thread, which decides what to show
                error = exc
        # Even a failed operation reports what its earlier units of work committed.
        self._relay.finished.emit(result, error, collected.changes)


_running: set[Operation[Any]] = set()


@functools.cache
def worker_pool() -> QThreadPool:
    """Writes: one thread, in the order they were asked for."""
    pool = QThreadPool()
    pool.setObjectName("database_worker")
    pool.setMaxThreadCount(1)
    return pool


@functools.cache
def reader_pool() -> QThreadPool:
    """Reads: two threads, beside the writer."""
    pool = QThreadPool()
    pool.setObjectName("database_readers")
    pool.setMaxThreadCount(2)
    return pool


def pending() -> int:
    """Operations started and not yet delivered (tests wait for 0)."""
    return len(_running)


def pending_for_widgets() -> int:
    """Operations a widget asked for and still waits on (housekeeping with no widget, such as the day's
    start backup, does not count): a window is usable once this is 0."""
    return sum(1 for op in _running if op.owned)


def writes_pending() -> list[str]:
    """What the writes not yet finished are doing, in the user's words (closing the window names them)."""
    return [op.label for op in _running if op.writes]


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until both pools are idle (shutdown, switching databases); results are still delivered later."""
    return worker_pool().waitForDone(timeout_ms) and reader_pool().waitForDone(timeout_ms)


def wait_for_writes(timeout_ms: int = 30_000) -> bool:
    return worker_pool().waitForDone(timeout_ms)


class Operation(Generic[T]):
    """One queued call; `success(result)` or `failure(error)` runs on the GUI thread when it is done."""

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[[Task], T],
        *,
        success: Callable[[T], None],
        failure: Callable[[BaseException], None] | None,
        progress_label: str | None,
        cancellable: bool,
        writes: bool = True,
        label: str = "",
    ) -> None:
        self._parent = parent
        self.owned = parent is not None
        self.writes = writes
        self.label = label or progress_label or ""
        self._success = success
        self._failure = failure
        self._relay = _Relay()
        self.task = Task(self._relay)
        self._dialog: QProgressDialog | None = None
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        if progress_label is not None:
            self._dialog = self._make_dialog(progress_label, cancellable)
            self._relay.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        _running.add(self)
        (worker_pool() if writes else reader_pool()).start(_Runnable(fn, self.task, self._relay))

    def _make_dialog(self, label: str, cancellable: bool) -> QProgressDialog:
        cancel_text = QCoreApplication.translate("Operations", "Cancel") if cancellable else ""
        dialog = QProgressDialog(label, cancel_text, 0, 0, self._parent)
        dialog.setObjectName("operation_progress")
        dialog.setWindowTitle(QCoreApplication.translate("Operations", "Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Quick operations finish before the dialog would flash up.
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self._on_cancel)
        return dialog

    def _on_cancel(self) -> None:
        self.task.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(QCoreApplication.translate("Operations", "Cancelling…"))

    def _show_progress(self, done: int, total: int) -> None:
        if self._dialog is None or not shiboken6.isValid(self._dialog):
            return
        if self._dialog.maximum() != max(total, 0):
            self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total > 0 else 0)

    def cancel(self) -> None:
        self.task.cancel()

    def _deliver(self, result: Any, error: BaseException | None, changed: Changes) -> None:
        _running.discard(self)
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.hide()
            self._dialog.deleteLater()
        self._dialog = None
        try:
            self._report(result, error)
        finally:
            # After the caller's own success/failure (which may close the dialog that asked): every tab
            # then sees the committed data, including tabs whose widget started nothing.
            if changed:
                initiator = (
                    self._parent if self._parent is not None and shiboken6.isValid(self._parent) else None
                )
                hub.broadcast(changed, initiator)

    def _report(self, result: Any, error: BaseException | None) -> None:
        if self._parent is not None and not shiboken6.isValid(self._parent):
            # The window that asked is gone (closed while the worker ran): nobody to tell.
            if error is not None and not isinstance(error, OperationCancelled):
                log.warning("operation failed after its window closed: %r", error)
            return
        if error is None:
            self._success(result)
            return
        if isinstance(error, OperationCancelled) or self.task.cancelled():
            # Whatever the work raised once the user pressed Cancel (the Excel reader has its own
            # way to stop) is the cancellation, not a bug to report.
            log.info("operation cancelled: %r", error)
            if self._failure is not None:
                self._failure(error if isinstance(error, OperationCancelled) else OperationCancelled())
            return
        if self._failure is not None:
            self._failure(error)
        else:
            feedback.show_error(self._parent, error)


def run_in_background(
    parent: QWidget | None,
    fn: Callable[[Task], T],
    *,
    success: Callable[[T], None],
    failure: Callable[[BaseException], None] | None = None,
    progress_label: str | None = None,
    cancellable: bool = False,
    label: str = "",
) -> Operation[T]:
    """Queue `fn(task)` on the database worker.

    `success(result)` runs on the GUI thread; without `failure`, errors are shown with
    feedback.show_error (known problems as messages, bugs as the crash dialog). A cancelled
    operation is silent unless `failure` is given, which then gets OperationCancelled.
    A function that finishes despite Cancel (it never checked) still reports its result.
    With `progress_label` a progress dialog (Cancel button if `cancellable`) follows
    `task.progress(done, total)`. `label` says in the user's words what the write does (closing the
    window names the writes it waits for); the progress label serves when it is not given.
    """
    return Operation(
        parent,
        fn,
        success=success,
        failure=failure,
        progress_label=progress_label,
        cancellable=cancellable,
        label=label,
    )


def run_query(
    parent: QWidget | None,
    fn: Callable[[Task], T],
    *,
    success: Callable[[T], None],
    failure: Callable[[BaseException], None] | None = None,
    progress_label: str | None = None,
    cancellable: bool = False,
) -> Operation[T]:
    """Run a read on the reader pool (never behind a long write); the same delivery as run_in_background.

    `fn` must not write: a read pool has several threads, and writes must stay in order on one.
    """
    return Operation(
        parent,
        fn,
        success=success,
        failure=failure,
        progress_label=progress_label,
        cancellable=cancellable,
        writes=False,
    )


class LatestQuery:
    """A widget's reload: only the newest query's answer is shown (typing in a search box starts one per
    key; an older answer arriving late is dropped instead of replacing a newer one)."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._generation = 0
        self.running = False

    def run(
        self,
        fn: Callable[[Task], T],
        success: Callable[[T], None],
        failure: Callable[[BaseException], None] | None = None,
    ) -> Operation[T]:
        self._generation += 1
        generation = self._generation
        self.running = True

        def deliver(result: T) -> None:
            if generation == self._generation:
                self.running = False
                success(result)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self.running = False
            if failure is not None:
                failure(error)
            elif not isinstance(error, OperationCancelled):
                feedback.show_error(self._parent, error)

        return run_query(self._parent, fn, success=deliver, failure=failed)
