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


# ---- change sets and reads -------------------------------------------------------------------------


def test_a_write_broadcasts_what_it_committed_and_a_followed_widget_reloads(
    qtbot: Any, parent: QWidget, db: Any
) -> None:
    from desktop_hr.services.archive import employees as emp
    from desktop_hr.services.changes import Changes
    from desktop_hr.views import hub

    heard: list[tuple[Changes, Any]] = []
    hub.change_hub().changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.show()
    hidden = QWidget()
    qtbot.addWidget(hidden)
    reloads = {"shown": 0, "hidden": 0, "points": 0}
    hub.follow(shown, ("employees",), lambda: reloads.__setitem__("shown", reloads["shown"] + 1))
    hub.follow(hidden, ("employees",), lambda: reloads.__setitem__("hidden", reloads["hidden"] + 1))
    hub.follow(shown, ("points",), lambda: reloads.__setitem__("points", reloads["points"] + 1))

    run_in_background(
        parent,
        lambda _task: emp.create_employee(db.uow(), emp.EmployeeData(employee_no="T900", name="韩梅梅")),
        success=lambda _id: None,
    )
    wait_idle(qtbot)
    assert heard and heard[-1][0].employees and heard[-1][1] is parent
    assert reloads == {"shown": 1, "hidden": 0, "points": 0}  # the hidden one waits until it is shown
    hidden.show()
    assert reloads["hidden"] == 1
    hidden.hide()
    hidden.show()
    assert reloads["hidden"] == 1  # nothing changed since: no second reload


def test_a_failed_operation_still_reports_what_it_committed_before(
    qtbot: Any, parent: QWidget, db: Any
) -> None:
    from desktop_hr.services.archive import employees as emp
    from desktop_hr.views import hub

    heard: list[Any] = []
    hub.change_hub().changed.connect(lambda changes, _initiator: heard.append(changes))

    def half(_task: Task) -> None:
        emp.create_employee(db.uow(), emp.EmployeeData(employee_no="T901", name="李雷"))
        raise DatabaseLocked(path="x.sqlite3")

    run_in_background(parent, half, success=lambda _r: None, failure=lambda _e: None)
    wait_idle(qtbot)
    assert heard and heard[-1].employees


def test_queries_run_off_the_gui_thread_beside_a_long_write(qtbot: Any, parent: QWidget) -> None:
    from desktop_hr.views.operations import run_query

    gui_thread = threading.get_ident()
    release = threading.Event()
    order: list[str] = []
    threads: list[int] = []

    def long_write(_task: Task) -> None:
        release.wait(10)
        order.append("write")

    def read(_task: Task) -> int:
        threads.append(threading.get_ident())
        order.append("read")
        release.set()
        return 42

    run_in_background(parent, long_write, success=lambda _r: None)
    got: list[int] = []
    run_query(parent, read, success=got.append)
    wait_idle(qtbot)
    assert got == [42]
    assert order == ["read", "write"]  # the read did not queue behind the write
    assert threads[0] != gui_thread


def test_latest_query_shows_only_the_newest_answer(qtbot: Any, parent: QWidget) -> None:
    from desktop_hr.views.operations import LatestQuery

    shown: list[str] = []
    latest = LatestQuery(parent)
    slow_started = threading.Event()

    def slow(_task: Task) -> str:
        slow_started.set()
        time.sleep(0.3)
        return "old"

    latest.run(slow, shown.append)
    slow_started.wait(5)
    latest.run(lambda _task: "new", shown.append)
    wait_idle(qtbot)
    assert shown == ["new"]
    assert not latest.running
