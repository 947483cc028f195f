"""Speed against each library's floor: every pair of issue 16, measured interleaved in one run.

    python -m benchmarks.floors [--repeat 5] [--quick] [--cache DIR] [--only roster,attendance,...]

For each piece of work, the program's own path and the least the same library needs for the same data
(its floor) run one after the other, repetition by repetition, so a busy machine slows both alike; the
table gives each side's median and the median of the per-repetition ratios:

- roster import, 10,000 rows: `parse_employees` against python-calamine reading the workbook;
  `import_employees` into an empty database against sqlite3's executemany of the same rows.
- attendance import, 100,000 sign-ins, each side a whole process (CPU seconds, and its peak memory): the
  attendance kind's read and import against calamine + sqlite3 writing the same sign-ins, enrolments and
  points with one audit entry per row chained by SHA-256 (benchmarks/floors_pairs.py).
- 1,000 certificates in one PDF (pages per second) against a canvas with the same embedded font and QR.
- one employee's ledger (the median person, 100 lines) and the quarterly leaderboard over 1,000,000
  entries against the same SQL (captured from the program's call) through sqlite3.
- process start to a usable main window against a bare PySide6 window (benchmarks.tour's), and
  `desktop-hr --help` against a bare `python -c "import PySide6.QtWidgets"`.

The data is built once into the cache folder (default: the system's temporary folder) and reused; the
first full run spends a few minutes there. `--quick`: one repetition, smaller imports and batch.
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
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks import floors_data as data  # stdlib only at import: the children stay bare
from benchmarks.floors_pairs import timed

GROUPS = ("roster", "attendance", "certificates", "ledger", "leaderboard", "window", "help")
INNER = {"ledger": 20, "leaderboard": 5}  # calls per repetition for the short reads (their median)


@dataclass
class Pair:
    work: str
    unit: str
    target: str  # e.g. "<= 2.5x", ">= 0.7x", "" for none
    program: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [p / f for p, f in zip(self.program, self.floor, strict=True) if f]

    def met(self) -> str:
        if not self.target or not self.ratios:
            return ""
        ratio = statistics.median(self.ratios)
        limit = float(self.target[3:-1])
        ok = ratio <= limit if self.target.startswith("<=") else ratio >= limit
        return "met" if ok else "NOT MET"


# ---- children: whole processes ---------------------------------------------------------------------------


def _env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["DESKTOP_HR_DATA_DIR"] = str(workdir / "data")
    return env


def _child(args: Sequence[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Run `python -m benchmarks.floors ARGS`; (the time.time() it was started at, its last line as JSON)."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.floors", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child {' '.join(args)} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return started, result


def attendance_child(side: str, db_path: str, xlsx: str) -> None:
    from benchmarks.floors_pairs import attendance_floor, attendance_program, process_figures

    started = time.perf_counter()
    program = side == "program"
    written = (attendance_program if program else attendance_floor)(Path(db_path), Path(xlsx))
    print(json.dumps({"written": written, "wall": time.perf_counter() - started, **process_figures()}))


def window_child(db_path: str, settings_dir: str) -> None:
    """The program's start: the main window on the database until its first data is shown and nothing waits
    (benchmarks.tour's start step, without the rest of the tour)."""
    from PySide6.QtCore import QSettings, QTimer

    from benchmarks.tour import Tour
    from desktop_hr.models import Role
    from desktop_hr.services.trust.database import open_database
    from desktop_hr.services.trust.permissions import Principal
    from desktop_hr.views.app import create_application, show_main_window

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = create_application()
    app.setQuitOnLastWindowClosed(False)
    db = open_database(
        db_path
    )  # as the program opens it (benchmarks.generate would import the demo data too)
    db.principal = Principal(name="bench", role=Role.ADMIN)
    built_at = time.perf_counter()
    window = show_main_window(db)
    tour = Tour(app, window)
    first_block_ms = (time.perf_counter() - built_at) * 1000.0
    QTimer.singleShot(0, lambda: tour.run(first_block_ms))
    app.exec()
    print(json.dumps({"usable_at": tour.usable_at}), flush=True)
    os._exit(0)  # the day's start backup may still run beside; the start is what was timed


# ---- the pairs ---------------------------------------------------------------------------------------


class Bench:
    def __init__(self, cache: Path, sizes: data.Sizes, workdir: Path) -> None:
        self.cache = cache
        self.sizes = sizes
        self.workdir = workdir
        self.env = _env(workdir)
        self.pairs: dict[str, Pair] = {}
        self.notes: list[str] = []
        self._setups: dict[str, Any] = {}

    def pair(self, key: str, work: str, unit: str, target: str = "") -> Pair:
        return self.pairs.setdefault(key, Pair(work, unit, target))

    def roster(self, round_: int) -> None:
        from benchmarks.floors_pairs import calamine_rows, roster_floor_write
        from benchmarks.generate import open_database
        from desktop_hr.excel.employees import parse_employees
        from desktop_hr.services.archive.roster_import import import_employees

        rows = self.sizes.roster
        path = data.roster(self.cache, rows)
        empty = data.empty_database(self.cache)
        parse = self.pair("parse", f"roster import, {rows:,} rows: parse", "s", "<= 2.5x")
        write = self.pair("write", f"roster import, {rows:,} rows: write", "s", "<= 2.5x")
        parsed: list[Any] = []
        parse.program.append(timed(lambda: parsed.append(parse_employees(path))))
        parse.floor.append(timed(lambda: calamine_rows(path)))
        db = open_database(data.copy_of(empty, self.workdir, "roster-program.sqlite3"))
        write.program.append(timed(lambda: import_employees(db.uow(), parsed[0])))
        db.dispose()
        target = data.copy_of(empty, self.workdir, "roster-floor.sqlite3")
        write.floor.append(timed(lambda: roster_floor_write(target, parsed[0].records)))

    def attendance(self, round_: int) -> None:
        db_path, xlsx = data.attendance(self.cache, self.sizes)
        rows = self.sizes.attendance
        cpu = self.pair(
            "attendance", f"attendance import, {rows:,} rows (whole process, cpu)", "s", "<= 1.5x"
        )
        memory = self.pair("memory", "peak memory, attendance import", "MiB", "")
        for side, target in (("program", cpu.program), ("floor", cpu.floor)):
            copy = data.copy_of(db_path, self.workdir, f"attendance-{side}.sqlite3")
            _started, result = _child(["--attendance-child", side, str(copy), str(xlsx)], self.env)
            target.append(result["cpu"])
            (memory.program if side == "program" else memory.floor).append(result["peak_mib"])
            if round_ == 0:
                written = ", ".join(f"{table} {count:,}" for table, count in result["written"].items())
                self.notes.append(f"attendance {side} wrote: {written}")
        if memory.program and max(memory.program) > 300:
            memory.target = ""

    def certificates(self, round_: int) -> None:
        from datetime import datetime

        from benchmarks.floors_pairs import certificates_floor
        from benchmarks.generate import TODAY, open_database
        from desktop_hr.db import read_only
        from desktop_hr.models import Certificate
        from desktop_hr.printing.certificates import render_certificates
        from desktop_hr.services.records import certificates as certificate_service
        from desktop_hr.services.records import print_settings

        count = self.sizes.certificates
        if "certificates" not in self._setups:
            from sqlalchemy import select

            db = open_database(data.certificates(self.cache, count))
            with read_only(db) as session:
                issued = list(session.scalars(select(Certificate.id).order_by(Certificate.id)))
                views = certificate_service.certificate_views(session, issued)
                settings = print_settings.get(session)
            db.dispose()
            self._setups["certificates"] = (views, settings)
        views, settings = self._setups["certificates"]
        at = datetime.combine(TODAY, datetime.min.time())
        pair = self.pair("certificates", f"{count:,} certificates in one PDF", "pages/s", ">= 0.7x")
        program = timed(
            lambda: render_certificates(self.workdir / "program.pdf", views, settings, printed_at=at)
        )
        floor = timed(lambda: certificates_floor(self.workdir / "floor.pdf", views, settings))
        pair.program.append(count / program)
        pair.floor.append(count / floor)

    def _reads(self) -> dict[str, Any]:
        """The ledger database, the median person and the last whole quarter; the program's calls and their SQL."""
        if "reads" in self._setups:
            return dict(self._setups["reads"])
        from sqlalchemy import func, select

        from benchmarks.floors_pairs import same_sql, statements_of
        from benchmarks.generate import TODAY, open_database
        from desktop_hr.db import read_only
        from desktop_hr.models import PointEntry
        from desktop_hr.services.points.point_reports import Period, employee_ledger, leaderboard

        path = data.ledger(self.cache, self.sizes.employees, self.sizes.entries)
        db = open_database(path)
        quarter = Period.quarter(TODAY - timedelta(days=92))
        with read_only(db) as session:
            per_person = sorted(
                session.execute(
                    select(PointEntry.employee_id, func.count()).group_by(PointEntry.employee_id)
                ).all(),
                key=lambda row: (row[1], row[0]),
            )
        person, lines = per_person[len(per_person) // 2]

        def reading(fn: Callable[[Any], object]) -> Callable[[], object]:
            def run() -> object:
                with read_only(db) as session:
                    return fn(session)

            return run

        ledger = reading(lambda s: employee_ledger(s, person))
        board = reading(lambda s: leaderboard(s, quarter))
        found: dict[str, Any] = {"db": db, "lines": lines, "quarter": quarter.describe()}
        for key, call in (("ledger", ledger), ("leaderboard", board)):
            call()  # warm: the first call compiles the statement and fills the page cache
            with statements_of(db.engine) as seen:
                result = call()
            floor = same_sql(path, list(seen))
            floor()
            found[key] = (call, floor, len(seen), len(result) if isinstance(result, list) else 0)
        self._setups["reads"] = found
        return dict(found)

    def _read_pair(self, key: str, work: str, target: str) -> None:
        reads = self._reads()
        call, floor, statements, rows = reads[key]
        pair = self.pair(key, work.format(**reads, rows=rows), "ms", target)
        program_times: list[float] = []
        floor_times: list[float] = []
        for _ in range(INNER[key]):
            program_times.append(timed(call) * 1000)
            floor_times.append(timed(floor) * 1000)
        pair.program.append(statistics.median(program_times))
        pair.floor.append(statistics.median(floor_times))
        if len(pair.program) == 1:
            self.notes.append(
                f"{key}: {statements} statement(s) captured from the program's call, {rows:,} rows"
            )

    def ledger(self, round_: int) -> None:
        self._read_pair("ledger", "one employee's ledger ({lines} lines)", "<= 2x")

    def leaderboard(self, round_: int) -> None:
        self._read_pair(
            "leaderboard", "leaderboard {quarter}, " + f"{self.sizes.entries:,} entries", "<= 1.3x"
        )

    def window(self, round_: int) -> None:
        path = data.ledger(self.cache, self.sizes.employees, self.sizes.entries)
        pair = self.pair("window", "process start to a usable window", "s", "")
        started, result = _child(["--floor-window", str(path)], self.env)
        pair.floor.append(result["usable_at"] - started)
        settings = self.workdir / f"settings{round_}"
        started, result = _child(["--window-child", str(path), str(settings)], self.env)
        pair.program.append(result["usable_at"] - started)

    def help(self, round_: int) -> None:
        from benchmarks.tour import _wall

        script = Path(sys.executable).parent / ("desktop-hr.exe" if sys.platform == "win32" else "desktop-hr")
        command = (
            [str(script), "--help"] if script.exists() else [sys.executable, "-m", "desktop_hr.cli", "--help"]
        )
        pair = self.pair("help", "`desktop-hr --help`", "s", "")
        pair.program.append(_wall(command, self.env))
        pair.floor.append(_wall([sys.executable, "-c", "import PySide6.QtWidgets"], self.env))


# ---- output ------------------------------------------------------------------------------------------


def _shown(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:,.0f} {unit}"


def table(pairs: list[Pair], runs: int) -> str:
    lines = [
        f"| work | program | floor | ratio (median of {runs}) | target |",
        "|---|---|---|---|---|",
    ]
    for pair in pairs:
        if not pair.ratios:
            continue
        ratio = statistics.median(pair.ratios)
        target = f"{pair.target} {pair.met()}".strip()
        lines.append(
            f"| {pair.work} | {_shown(statistics.median(pair.program), pair.unit)} | "
            f"{_shown(statistics.median(pair.floor), pair.unit)} | {ratio:.2f}× | {target} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.floors", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of every pair (default 5)")
    parser.add_argument("--quick", action="store_true", help="one repetition, smaller imports and batch")
    parser.add_argument("--cache", type=Path, default=data.DEFAULT_CACHE, help="where the data is built once")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated, of: {', '.join(GROUPS)}")
    parser.add_argument("--attendance-child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--window-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--floor-window", nargs=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.attendance_child:
        attendance_child(*args.attendance_child)
        return 0
    if args.window_child:
        window_child(*args.window_child)
        return 0
    if args.floor_window:
        from benchmarks.tour import floor_child

        floor_child(args.floor_window[0])
        return 0

    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    sizes = data.Sizes.quick() if args.quick else data.Sizes()
    runs = 1 if args.quick else args.repeat
    workdir = Path(tempfile.mkdtemp(prefix="desktop_hr_floors_run_"))
    bench = Bench(args.cache, sizes, workdir)
    failed: set[str] = set()
    for round_ in range(runs):
        started = time.perf_counter()
        for group in groups:
            if group in failed:
                continue
            try:
                getattr(bench, group)(round_)
            except (Exception, SystemExit) as error:  # one broken pair must not cost the others' figures
                failed.add(group)
                bench.notes.append(f"{group} FAILED in repetition {round_ + 1}: {str(error)[-2000:]}")
        print(f"repetition {round_ + 1}/{runs}: {time.perf_counter() - started:.0f} s", flush=True)
        if round_ + 1 < runs:  # the figures so far, in case a later repetition is interrupted
            print(table(list(bench.pairs.values()), round_ + 1), flush=True)
    print()
    print(table(list(bench.pairs.values()), runs))
    for note in bench.notes:
        print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
