"""Roster import benchmark: parse + import N rows into a fresh SQLite database (median of runs), re-import, memory.

    python -m benchmarks.bench_import [--rows 10000] [--runs 3]
Target: a 10,000-row roster parsed and imported in <= 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import open_database, write_roster
from desktop_hr.db import Database
from desktop_hr.excel.employees import parse_employees
from desktop_hr.services.archive.roster_import import import_employees
from desktop_hr.services.imports import ImportReport

TARGET_SECONDS = 5.0


@dataclass(frozen=True)
class Run:
    migrate: float  # creating the empty database (schema migrations), not part of the import
    parse: float
    write: float
    report: ImportReport

    @property
    def total(self) -> float:
        return self.parse + self.write


def import_once(roster: Path, db: Database) -> tuple[float, float, ImportReport]:
    started = time.perf_counter()
    parsed = parse_employees(roster)
    parsed_at = time.perf_counter()
    if parsed.errors:
        raise SystemExit(f"the generated roster has errors, first: {parsed.errors[0]}")
    report = import_employees(db.uow(), parsed)
    return parsed_at - started, time.perf_counter() - parsed_at, report


def fresh_import(roster: Path, db_path: Path) -> tuple[Run, Database]:
    started = time.perf_counter()
    db = open_database(db_path)
    migrate = time.perf_counter() - started
    parse, write, report = import_once(roster, db)
    return Run(migrate, parse, write, report), db


def peak_rss_mb() -> float | None:
    """The process's peak resident memory so far (Unix; None on Windows)."""
    if sys.platform == "win32":
        return None
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_import", description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="desktop_hr-bench-") as tmp:
        workdir = Path(tmp)
        started = time.perf_counter()
        roster = write_roster(workdir / "roster.xlsx", args.rows)
        size_mb = roster.stat().st_size / 1024 / 1024
        print(
            f"roster: {args.rows} rows, {size_mb:.1f} MB, generated in {time.perf_counter() - started:.2f} s"
        )

        runs: list[Run] = []
        db: Database | None = None
        for index in range(args.runs):
            if db is not None:
                db.dispose()
            run, db = fresh_import(roster, workdir / f"run{index}.sqlite3")
            runs.append(run)
            print(
                f"run {index + 1}: parse {run.parse:.2f} s + import {run.write:.2f} s = {run.total:.2f} s "
                f"(created {run.report.created}; empty database created in {run.migrate:.2f} s)"
            )
        assert db is not None

        parse, write, again = import_once(roster, db)
        db.dispose()
        all_unchanged = again.unchanged == args.rows
        print(
            f"re-import of the same file: parse {parse:.2f} s + import {write:.2f} s = {parse + write:.2f} s "
            f"(created {again.created}, updated {again.updated}, unchanged {again.unchanged})"
            + ("" if all_unchanged else "  <-- expected every row unchanged")
        )

        # tracemalloc slows Python down several times over: a separate run, for memory only.
        tracemalloc.start()
        run, db = fresh_import(roster, workdir / "memory.sqlite3")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        db.dispose()

    median = statistics.median(run.total for run in runs)
    rss = peak_rss_mb()
    print()
    print(f"median parse + import of {args.rows} rows over {len(runs)} runs: {median:.2f} s", end="")
    print(f"  (target <= {TARGET_SECONDS:.0f} s: {'met' if median <= TARGET_SECONDS else 'MISSED'})")
    print(f"  median parse {statistics.median(r.parse for r in runs):.2f} s, ", end="")
    print(f"median import {statistics.median(r.write for r in runs):.2f} s")
    print(f"peak Python allocations during parse + import (tracemalloc): {peak / 1024 / 1024:.0f} MB")
    if rss is not None:
        print(f"peak resident memory of the whole benchmark process (ru_maxrss): {rss:.0f} MB")
    return 0 if all_unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
