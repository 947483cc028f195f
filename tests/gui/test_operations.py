"""The background runner: one worker thread in order, results and errors back on the GUI thread, progress, cancel."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from tests_gui_helpers import DialogAnswers, wait_idle

from desktop_hr.errors import DatabaseLocked
from desktop_hr.views.operations import OperationCancelled, Task, run_in_background, worker_pool


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_runs_in_order_on_one_worker_and_delivers_on_the_gui_thread(qtbot: Any, parent: QWidget) -> None:
    assert worker_pool().maxThreadCount() == 1
    gui_thread = threading.get_ident()
    worker_threads: list[int] = []
    delivered: list[tuple[int, int]] = []

    def work(n: int) -> Any:
        def fn(_task: Task) -> int:
            worker_threads.append(threading.get_ident())
            time.sleep(0.01 * (3 - n))  # later ones are quicker, yet still finish after
            return n

        return fn

    for n in range(3):
        run_in_background(parent, work(n), success=lambda r: delivered.append((r, threading.get_ident())))
    wait_idle(qtbot)
    assert [r for r, _ in delivered] == [0, 1, 2]
    assert all(thread == gui_thread for _, thread in delivered)
    assert len(set(worker_threads)) == 1
    assert worker_threads[0] != gui_thread


def test_errors_go_to_failure_or_to_a_message(
    qtbot: Any, parent: QWidget, dialog_answers: DialogAnswers
) -> None:
    errors: list[BaseException] = []

    def fail(_task: Task) -> None:
        raise DatabaseLocked(path="x.sqlite3")

    run_in_background(parent, fail, success=lambda _r: None, failure=errors.append)
    wait_idle(qtbot)
    assert isinstance(errors[0], DatabaseLocked)

    run_in_background(parent, fail, success=lambda _r: None)
    wait_idle(qtbot)
    assert "x.sqlite3" in dialog_answers.texts("warning")[-1]


def test_progress_dialog_follows_and_cancel_stops(qtbot: Any, parent: QWidget) -> None:
    parent.show()
    started = threading.Event()
    outcome: list[Any] = []

    def long_work(task: Task) -> int:
        for done in range(1000):
            task.progress(done, 1000)
            if done == 10:
                started.set()
            task.check_cancelled()
            time.sleep(0.002)
        return 1000

    operation = run_in_background(
        parent,
        long_work,
        success=outcome.append,
        failure=outcome.append,
        progress_label="working",
        cancellable=True,
    )
    qtbot.waitUntil(started.is_set)
    operation.cancel()
    wait_idle(qtbot)
    assert len(outcome) == 1 and isinstance(outcome[0], OperationCancelled)


def test_results_for_a_closed_window_are_dropped(qtbot: Any) -> None:
    widget = QWidget()
    delivered: list[int] = []
    gate = threading.Event()

    def wait_then_return(_task: Task) -> int:
        gate.wait(2)
        return 1

    run_in_background(widget, wait_then_return, success=delivered.append)
    widget.deleteLater()
    qtbot.wait(10)
    gate.set()
    wait_idle(qtbot)
    assert delivered == []
