"""Cycles are collected on the GUI thread only: a worker that allocates a great deal never runs a collection
(where freeing a Qt wrapper could deadlock against the GUI thread), and the GUI thread's timer does."""

from __future__ import annotations

import gc
import threading
from typing import Any

from desktop_hr.views import collector, operations


def test_collections_happen_on_the_gui_thread_only(qtbot: Any, qapp: Any) -> None:
    made = collector.install(qapp)
    assert collector.install(qapp) is made  # once per application
    assert not gc.isenabled()
    threads: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    def churn(_task: object) -> int:
        for _ in range(50_000):  # far past the youngest generation's threshold, in cycles
            a: list[object] = []
            a.append(a)
        return len(threads)

    gc.callbacks.append(note)
    try:
        answers: list[int] = []
        operations.run_query(None, churn, success=answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=30_000)
        assert answers == [0], "the worker ran no collection"
        qtbot.waitUntil(lambda: bool(threads), timeout=5_000)  # the timer collects what it left
    finally:
        gc.callbacks.remove(note)
    assert set(threads) == {threading.main_thread().name}
