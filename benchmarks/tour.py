"""A scripted tour of the real window at office scale, with a 10 ms heartbeat on the GUI thread.

    python -m benchmarks.tour [--db PATH] [--employees 10000] [--entries 1000000] [--audit 284000] [--runs 3]

Builds (once; `--db` keeps it for the next run) a database of 10,000 employees with a year of training,
1,000,000 point entries and an audit trail of 284,000 entries, then, interleaved in each run:

- the program: a fresh process opens the real main window on it (once migrated, as a clerk's
  database is on any day but an upgrade's) and tours it — every tab, sorting and
  searching on Points, Employees and Audit, a session's page, F5, closing — while a 10 ms QTimer on the
  GUI thread records the longest gap between its ticks during each step (a gap is a block: nothing else
  runs on the GUI thread while the code does). Work done before the event loop runs (building the
  window) is timed directly and counts as a block too. A step ends when no widget waits on an operation
  (housekeeping without a widget, the day's start backup, goes on beside; closing waits for everything).
- the floor: a bare PySide6 window showing the same first 200 employees, read with sqlite3.
- `desktop-hr --help` against a bare `python -c "import PySide6.QtWidgets"`.

Prints the median of each figure over the runs and the ratios against the floors. Aim: no block over
100 ms; usable within 2x the bare window; --help within 2x the bare import.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HEARTBEAT_MS = 10
SETTLE_MS = 250  # a step is over when nothing is pending and the heartbeat has run this long since
STEP_TIMEOUT_S = 120.0
BLOCK_AIM_MS = 100.0


# ---- the data ----------------------------------------------------------------------------------------


def build(path: Path, employees: int, entries: int, audit_entries: int) -> dict[str, float]:
    """The office-scale database: the archive and a year of training, the ledger, the audit trail."""
    import random

    from sqlalchemy import insert, select

    from benchmarks.bench_audit import fill_trail, trail_off
    from benchmarks.bench_points import _entries
    from benchmarks.generate import TODAY, open_database
    from desktop_hr.db import read_only
    from desktop_hr.models import Employee, PointEntry, PointRule
    from desktop_hr.services.demo.fill import fill_demo

    figures: dict[str, float] = {}
    db = open_database(path)
    started = time.perf_counter()
    fill_demo(db.uow(), employees=employees, today=TODAY, training=True)
    figures["archive and training"] = time.perf_counter() - started
    with read_only(db) as session:
        people = list(session.scalars(select(Employee.id)))
        rules = dict(session.execute(select(PointRule.code, PointRule.id).where(PointRule.enabled)).all())
    started = time.perf_counter()
    rows = _entries(random.Random(4), people, rules, entries)
    with trail_off(), db.uow() as uow:  # a million entries of their own would bury the trail's 284,000
        while chunk := [row for _, row in zip(range(50_000), rows, strict=False)]:
            uow.session.execute(insert(PointEntry), chunk)
        uow.commit()
    figures["ledger"] = time.perf_counter() - started
    figures["audit trail"] = fill_trail(db, audit_entries)
    db.dispose()
    return figures


# ---- children ----------------------------------------------------------------------------------------


def _child(args: Sequence[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Run a child process; (wall seconds until it printed, its JSON)."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.tour", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:1])} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return started, result


def floor_child(db_path: str) -> None:
    """The bare window: PySide6, sqlite3, a QTableWidget with the first 200 employees, shown and painted."""
    import sqlite3

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

    app = QApplication(sys.argv)
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT e.employee_no, e.name, d.name FROM employee e JOIN department d ON d.id = e.department_id "
        "ORDER BY e.employee_no LIMIT 200"
    ).fetchall()
    conn.close()
    window = QMainWindow()
    table = QTableWidget(len(rows), 3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)))
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    marks: dict[str, float] = {}
    QTimer.singleShot(0, lambda: (marks.setdefault("usable", time.time()), app.quit()))
    app.exec()
    print(json.dumps({"usable_at": marks["usable"], "rows": len(rows)}))


class Tour:
    """Drives the real window step by step; each step's longest GUI-thread block comes from the heartbeat."""

    def __init__(self, app: Any, window: Any) -> None:
        from PySide6.QtCore import QTimer

        from desktop_hr.views import operations

        self.app = app
        self.window = window
        self.operations = operations
        self.steps: list[tuple[str, float, float]] = []  # (name, longest block ms, step seconds)
        self._last_tick = time.perf_counter()
        self._longest = 0.0
        self._idle_since: float | None = None
        self._heartbeat = QTimer()
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._tick)
        self._queue: list[tuple[str, Callable[[], None]]] = []
        self._current: tuple[str, float] | None = None
        self._poll = QTimer()
        self._poll.setInterval(5)
        self._poll.timeout.connect(self._check_done)

    def _tick(self) -> None:
        now = time.perf_counter()
        self._longest = max(self._longest, (now - self._last_tick) * 1000.0)
        self._last_tick = now

    def add(self, name: str, action: Callable[[], None]) -> None:
        self._queue.append((name, action))

    def run(self, first_block_ms: float) -> None:
        """Start the tour; `first_block_ms` is what ran before the event loop (it counts for the start step)."""
        self._longest = first_block_ms
        self._current = ("start (window built, first data shown)", time.perf_counter())
        self._last_tick = time.perf_counter()
        self._heartbeat.start()
        self._poll.start()

    def _check_done(self) -> None:
        if self._current is None:
            return
        now = time.perf_counter()
        name, started = self._current
        busy = (
            self.operations.pending() if name == "close the window" else self.operations.pending_for_widgets()
        )
        if busy:
            self._idle_since = None
            if now - started > STEP_TIMEOUT_S:
                raise SystemExit(f"step {name!r} never finished")
            return
        if self._idle_since is None:
            self._idle_since = now
            return
        if (now - self._idle_since) * 1000.0 < SETTLE_MS:
            return
        self.steps.append((name, self._longest, self._idle_since - started))
        if name.startswith("start"):
            self.usable_at = time.time() - (now - self._idle_since)
        self._idle_since = None
        if not self._queue:
            self._current = None
            self._poll.stop()
            self._heartbeat.stop()
            self.app.exit(0)  # quit() would first ask every window to close (Qt 6): the exit backup runs
            return
        next_name, action = self._queue.pop(0)
        self._current = (next_name, time.perf_counter())
        self._longest = 0.0
        self._last_tick = time.perf_counter()
        action()

    usable_at = 0.0


def _search_box(widget: Any) -> Any:
    from PySide6.QtWidgets import QLineEdit

    boxes = [
        box
        for box in widget.findChildren(QLineEdit)
        if "search" in box.objectName() and box.isVisibleTo(widget) and box.isEnabled()
    ]
    if not boxes:
        raise SystemExit(f"no search box in {widget.objectName()}")
    return boxes[0]


def _table(widget: Any, name: str | None = None) -> Any:
    from PySide6.QtWidgets import QTableView

    if name is not None:
        found = widget.findChild(QTableView, name)
        if found is not None:
            return found
    tables = [t for t in widget.findChildren(QTableView) if t.isVisibleTo(widget) and t.isSortingEnabled()]
    if not tables:
        raise SystemExit(f"no sortable table in {widget.objectName()}")
    return tables[0]


def program_child(db_path: str, settings_dir: str) -> None:
    """The program: the real main window on the big database, toured."""
    from PySide6.QtCore import QSettings, Qt, QTimer

    from benchmarks.generate import open_database
    from desktop_hr.views.app import create_application, show_main_window

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = create_application()
    app.setQuitOnLastWindowClosed(False)  # the tour times the close, then quits itself
    db = open_database(db_path)  # before sign-in in the program, behind its own progress dialog
    built_at = time.perf_counter()
    window = show_main_window(db)  # what the program does once someone has signed in
    first_block_ms = (time.perf_counter() - built_at) * 1000.0
    tour = Tour(app, window)
    tabs = window.tabs

    def to_tab(widget: Any) -> Callable[[], None]:
        return lambda: tabs.setCurrentWidget(widget)

    def sort(table: Any, column: int, order: Qt.SortOrder) -> Callable[[], None]:
        return lambda: table.sortByColumn(column, order)

    def search(widget: Any, text: str) -> Callable[[], None]:
        return lambda: _search_box(widget).setText(text)

    for index in range(tabs.count()):
        widget: Any = tabs.widget(index)
        tour.add(f"tab {widget.objectName()}", to_tab(widget))
        if widget is window.points_tab:
            table = _table(widget, "balance_table")
            tour.add("points: sort by balance", sort(table, 2, Qt.SortOrder.DescendingOrder))
            tour.add("points: sort by name", sort(table, 1, Qt.SortOrder.AscendingOrder))
            tour.add("points: search 王", search(widget, "王"))
            tour.add("points: clear the search", search(widget, ""))
        elif widget is window.employees_tab:
            table = _table(widget, "employee_table")
            tour.add("employees: sort by name", sort(table, 1, Qt.SortOrder.AscendingOrder))
            tour.add("employees: search 张", search(widget, "张"))
            tour.add("employees: clear the search", search(widget, ""))
        elif widget is getattr(window, "audit_tab", None):
            tour.add("audit: search 王", search(widget, "王"))
            tour.add("audit: clear the search", search(widget, ""))
    session_id = _busiest_session(db)
    tour.add("open a session's page", lambda: window.open_session(session_id))
    tour.add("F5 on the session page", window.refresh_current)
    closing: dict[str, float] = {}

    def close() -> None:
        started = time.perf_counter()
        window.close()
        closing["block_ms"] = (time.perf_counter() - started) * 1000.0

    tour.add("close the window", close)
    QTimer.singleShot(0, lambda: tour.run(first_block_ms))
    app.exec()
    steps = [
        (name, max(block, closing.get("block_ms", 0.0)) if name == "close the window" else block, seconds)
        for name, block, seconds in tour.steps
    ]
    print(json.dumps({"usable_at": tour.usable_at, "steps": steps}))


def _busiest_session(db: Any) -> int:
    from sqlalchemy import func, select

    from desktop_hr.db import read_only
    from desktop_hr.models import Enrolment

    with read_only(db) as session:
        found = session.execute(
            select(Enrolment.session_id).group_by(Enrolment.session_id).order_by(func.count().desc()).limit(1)
        ).scalar_one()
    return int(found)


# ---- --help ------------------------------------------------------------------------------------------


def _wall(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
    return time.perf_counter() - started


# ---- main ----------------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tour", description=__doc__)
    parser.add_argument("--db", type=Path, help="the database to tour (built there first if missing)")
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--audit", type=int, default=284_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--floor-child", nargs=1, help=argparse.SUPPRESS)
    parser.add_argument("--program-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_child:
        floor_child(args.floor_child[0])
        return 0
    if args.program_child:
        program_child(*args.program_child)
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="desktop_hr_tour_"))
    db_path: Path = args.db or workdir / "tour.sqlite3"
    if not db_path.exists():
        print(
            f"building {db_path} ({args.employees:,} employees, {args.entries:,} entries, {args.audit:,} audit entries)…"
        )
        for what, seconds in build(db_path, args.employees, args.entries, args.audit).items():
            print(f"  {what}: {seconds:.1f} s")
    print(f"database: {db_path} ({db_path.stat().st_size / 1e6:.0f} MB)")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["DESKTOP_HR_DATA_DIR"] = str(workdir / "data")
    script = Path(sys.executable).parent / ("desktop-hr.exe" if sys.platform == "win32" else "desktop-hr")
    help_command = (
        [str(script), "--help"] if script.exists() else [sys.executable, "-m", "desktop_hr.cli", "--help"]
    )

    usable: list[float] = []
    floor: list[float] = []
    helps: list[float] = []
    bare_imports: list[float] = []
    blocks: dict[str, list[float]] = {}
    durations: dict[str, list[float]] = {}
    for run in range(args.runs):
        started, result = _child(["--floor-child", str(db_path)], env)
        floor.append(result["usable_at"] - started)
        started, result = _child(["--program-child", str(db_path), str(workdir / f"settings{run}")], env)
        usable.append(result["usable_at"] - started)
        for name, block_ms, seconds in result["steps"]:
            blocks.setdefault(name, []).append(block_ms)
            durations.setdefault(name, []).append(seconds)
        for _ in range(3):
            bare_imports.append(_wall([sys.executable, "-c", "import PySide6.QtWidgets"], env))
            helps.append(_wall(help_command, env))
        print(f"run {run + 1}/{args.runs}: usable {usable[-1]:.2f} s (bare window {floor[-1]:.2f} s)")

    print()
    print(f"{'step':<44} {'longest block (ms)':>19} {'step (s)':>9}")
    for name, values in blocks.items():
        flag = "  over 100 ms" if _median(values) > BLOCK_AIM_MS else ""
        print(f"{name:<44} {_median(values):>19.0f} {_median(durations[name]):>9.2f}{flag}")
    print()
    ratio = _median(usable) / _median(floor)
    print(
        f"usable window: {_median(usable):.2f} s; bare window {_median(floor):.2f} s; ratio {ratio:.2f}x (aim <= 2x)"
    )
    help_ratio = _median(helps) / _median(bare_imports)
    print(
        f"desktop-hr --help: {_median(helps) * 1000:.0f} ms; bare import PySide6.QtWidgets "
        f"{_median(bare_imports) * 1000:.0f} ms; ratio {help_ratio:.2f}x (aim <= 2x)"
    )
    worst = max(_median(v) for v in blocks.values())
    print(f"longest block of any step (median over runs): {worst:.0f} ms (aim <= {BLOCK_AIM_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
