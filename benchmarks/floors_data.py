"""The data `benchmarks.floors` measures on, built once into a cache folder and reused by later runs.

Each item is a file (or folder) named after its size; a run copies what it will write into, so the cached
originals stay as built. Builders are the other benchmarks' own (`generate.write_roster`,
`bench_attendance_import.build_database`, `bench_certificates.build`, `bench_points._entries`).
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "desktop_hr_floors"


@dataclass(frozen=True)
class Sizes:
    roster: int = 10_000
    attendance: int = 100_000
    attendance_employees: int = 5_000
    sessions: int = 200
    certificates: int = 1_000
    employees: int = 10_000
    entries: int = 1_000_000

    @classmethod
    def quick(cls) -> Sizes:
        """Smaller imports and batches for a first look; the ledger database is the full one (cached)."""
        return cls(roster=2_000, attendance=20_000, attendance_employees=2_000, sessions=40, certificates=200)


def cached(path: Path, build: Callable[[Path], object], what: str) -> Path:
    """`path`, built by `build(temporary path)` first if missing (renamed into place only when complete)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    if partial.is_dir():
        shutil.rmtree(partial)
    elif partial.exists():
        partial.unlink()
    print(f"building {what} (once, into {path.parent}) …", flush=True)
    started = time.perf_counter()
    build(partial)
    partial.rename(path)
    for suffix in ("-wal", "-shm"):  # the builder's, empty once it checkpointed
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def copy_of(original: Path, workdir: Path, name: str) -> Path:
    """A scratch copy of a cached database (the WAL is checkpointed when the builder closes it)."""
    target = workdir / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(original, target)
    return target


def _close(db: object) -> None:
    """Dispose of the engine and fold the WAL into the file, so a plain copy of the file is complete."""
    import sqlite3

    from desktop_hr.db import Database

    assert isinstance(db, Database)
    url = db.engine.url.database
    db.dispose()
    if url:
        with sqlite3.connect(url) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def empty_database(cache: Path) -> Path:
    """A migrated database with nothing in it (what a roster import starts from)."""
    from benchmarks.generate import open_database

    return cached(cache / "empty.sqlite3", lambda path: _close(open_database(path)), "an empty database")


def roster(cache: Path, rows: int) -> Path:
    from benchmarks.generate import write_roster

    return cached(
        cache / f"roster-{rows}.xlsx", lambda path: write_roster(path, rows), f"a {rows:,}-row roster"
    )


def attendance(cache: Path, sizes: Sizes) -> tuple[Path, Path]:
    """(the database of employees, sessions and enrolments, the sign-in history file) of bench_attendance_import."""
    folder = cache / f"attendance-{sizes.attendance}"

    def build(path: Path) -> None:
        from sqlalchemy import select

        from benchmarks.bench_attendance_import import (
            attendance_rows_for_file,
            build_database,
            write_attendance_file,
        )
        from benchmarks.generate import open_database
        from desktop_hr.db import read_only
        from desktop_hr.models import TrainingSession

        path.mkdir()
        db = open_database(path / "attendance.sqlite3")
        per_session = max(1, sizes.attendance // sizes.sessions)
        listed = build_database(db, sizes.attendance_employees, sizes.sessions, per_session, 2026)
        with read_only(db) as session:
            starts = list(session.scalars(select(TrainingSession.starts_at).order_by(TrainingSession.code)))
        _close(db)
        write_attendance_file(path / "attendance.xlsx", attendance_rows_for_file(listed, starts, 2026))

    built = cached(folder, build, f"{sizes.attendance:,} sign-ins and their database")
    return built / "attendance.sqlite3", built / "attendance.xlsx"


def certificates(cache: Path, count: int) -> Path:
    """bench_certificates' archive: `count` employees, one session they all attended, certificates issued."""

    def build(path: Path) -> None:
        from benchmarks.bench_certificates import build as build_archive
        from benchmarks.generate import TODAY, open_database
        from desktop_hr.services.records import certificates as certificate_service

        db = open_database(path)
        session_id = build_archive(db, count)
        at = datetime.combine(TODAY, datetime.min.time()) + timedelta(days=1)
        certificate_service.issue_completion(db.uow(), session_id, at=at)
        _close(db)

    return cached(cache / f"certificates-{count}.sqlite3", build, f"{count:,} issued certificates")


def ledger(cache: Path, employees: int, entries: int) -> Path:
    """bench_points' data: `employees` people (the demo archive) and `entries` point entries over two years.

    The entries go in with bulk inserts and the trail off (as benchmarks.tour does): a million entries of
    their own would take half an hour and are not what the reports read."""

    def build(path: Path) -> None:
        from sqlalchemy import insert, select

        from benchmarks.bench_audit import trail_off
        from benchmarks.bench_points import CHUNK, _entries
        from benchmarks.generate import TODAY, open_database
        from desktop_hr.db import read_only
        from desktop_hr.models import Employee, PointEntry, PointRule
        from desktop_hr.services.demo.fill import fill_demo

        db = open_database(path)
        fill_demo(db.uow(), employees=employees, today=TODAY, training=False)
        with read_only(db) as session:
            people = list(session.scalars(select(Employee.id)))
            rules = dict(session.execute(select(PointRule.code, PointRule.id).where(PointRule.enabled)).all())
        rows = _entries(random.Random(4), people, rules, entries)
        with trail_off(), db.uow() as uow:
            while chunk := [row for _, row in zip(range(CHUNK), rows, strict=False)]:
                uow.session.execute(insert(PointEntry), chunk)
            uow.commit()
        _close(db)

    return cached(
        cache / f"ledger-{employees}-{entries}.sqlite3",
        build,
        f"{employees:,} employees and {entries:,} point entries",
    )
