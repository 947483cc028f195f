"""Attendance import benchmark: read + import N sign-ins (default 100,000) into a database of 5,000 employees
and 200 sessions, then the same file again (every row unchanged), then opening one session's sign-in grid.

    python -m benchmarks.bench_attendance_import [--rows 100000] [--employees 5000] [--sessions 200]
Target: 100,000 rows read and imported in well under a minute.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import insert, select

from benchmarks.bench_import import peak_rss_mb
from benchmarks.generate import TODAY, open_database
from desktop_hr.db import Database, read_only
from desktop_hr.models import (
    Course,
    CourseCategory,
    Delivery,
    Employee,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    SessionStatus,
    TrainingSession,
)
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.exchange import kinds
from desktop_hr.services.imports import ImportReport
from desktop_hr.services.training.attendance import attendance_counts, attendance_rows

TARGET_SECONDS = 60.0
COURSES = 20
NOT_ENROLLED_SHARE = 0.04  # people in a history file who never enrolled (the import enrols them)
GRID_REPEAT = 20

CellValue = str | datetime | None


def build_database(
    db: Database, employees: int, sessions: int, per_session: int, seed: int
) -> list[list[tuple[str, str]]]:
    """Employees through the demo service; courses, sessions and enrolments in bulk. Returns, per session,
    (工号, 姓名) of the people the attendance file lists (most of them enrolled)."""
    fill_demo(db.uow(), employees=employees, seed=seed, today=TODAY, training=False)
    rng = random.Random(seed)
    with db.uow() as uow:
        session = uow.session
        people = list(
            session.execute(select(Employee.id, Employee.employee_no, Employee.name).order_by(Employee.id))
        )
        course_ids = [
            int(course_id)
            for course_id in session.scalars(
                insert(Course).returning(Course.id),
                [
                    {
                        "code": f"BC{n:03d}",
                        "title": f"基准课程 {n}",
                        "category": rng.choice(list(CourseCategory)),
                        "delivery": Delivery.ONLINE if n % 10 == 0 else Delivery.OFFLINE,
                    }
                    for n in range(COURSES)
                ],
            )
        ]
        first_day = datetime(TODAY.year - 1, 1, 5, 9, 0)
        session_rows = [
            {
                "code": f"BS{n:04d}",
                "course_id": course_ids[n % COURSES],
                "starts_at": first_day + timedelta(days=n * 360 // sessions, hours=(n % 2) * 5),
                "ends_at": first_day + timedelta(days=n * 360 // sessions, hours=(n % 2) * 5 + 3),
                "status": SessionStatus.FINISHED,
            }
            for n in range(sessions)
        ]
        session_ids = list(
            session.scalars(insert(TrainingSession).returning(TrainingSession.id), session_rows)
        )
        listed: list[list[tuple[str, str]]] = []
        enrolments: list[dict[str, object]] = []
        for session_id in session_ids:
            chosen = rng.sample(people, min(per_session, len(people)))
            listed.append([(no, name) for _, no, name in chosen])
            enrolments.extend(
                {
                    "session_id": session_id,
                    "employee_id": employee_id,
                    "status": EnrolmentStatus.ENROLLED,
                    "source": EnrolmentSource.HR,
                }
                for employee_id, _, _ in chosen
                if rng.random() >= NOT_ENROLLED_SHARE
            )
        session.execute(insert(Enrolment), enrolments)
        uow.commit()
    return listed


def attendance_rows_for_file(
    listed: list[list[tuple[str, str]]], starts: list[datetime], seed: int
) -> Iterator[list[CellValue]]:
    """As a clerk's sign-in history: mostly a time and a blank 状态, some 请假/缺勤, a few typed as text."""
    rng = random.Random(seed + 1)
    for index, numbers in enumerate(listed):
        code = f"BS{index:04d}"
        for number, name in numbers:
            roll = rng.random()
            if roll < 0.05:
                yield [code, number, name, None, rng.choice(["请假", "缺勤"])]
                continue
            # An online course (every tenth) counts from its start only: its sign-in window is its period.
            online = index % COURSES % 10 == 0
            at = starts[index] + timedelta(minutes=rng.randint(0 if online else -20, 15))
            cell: CellValue = at if roll < 0.85 else f"{at:%Y/%m/%d %H:%M}"
            yield [code, number, name, cell, None if roll < 0.95 else "出勤"]


def write_attendance_file(path: Path, rows: Iterator[list[CellValue]]) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("签到记录")
    sheet.append(["2025 年度培训签到汇总"])
    sheet.append(["班次编号", "工号", "姓名", "签到时间", "状态"])
    written = 0
    for row in rows:
        sheet.append(row)
        written += 1
    workbook.save(path)
    return written


def read_and_import(db: Database, path: Path) -> tuple[float, float, ImportReport]:
    kind = kinds()["attendance"]
    started = time.perf_counter()
    parsed = kind.parse(path, None, None)
    read_at = time.perf_counter()
    report = kind.import_parsed(db.uow(), parsed, False, None)
    return read_at - started, time.perf_counter() - read_at, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_attendance_import", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--employees", type=int, default=5_000)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    per_session = max(1, args.rows // args.sessions)

    with tempfile.TemporaryDirectory(prefix="desktop_hr-bench-") as tmp:
        workdir = Path(tmp)
        db = open_database(workdir / "attendance.sqlite3")
        try:
            started = time.perf_counter()
            listed = build_database(db, args.employees, args.sessions, per_session, args.seed)
            with read_only(db) as session:
                starts = list(
                    session.scalars(select(TrainingSession.starts_at).order_by(TrainingSession.code))
                )
            print(
                f"database: {args.employees} employees, {args.sessions} sessions, {per_session} people each, "
                f"built in {time.perf_counter() - started:.1f} s"
            )
            started = time.perf_counter()
            path = workdir / "签到记录.xlsx"
            rows = write_attendance_file(path, attendance_rows_for_file(listed, starts, args.seed))
            size_mb = path.stat().st_size / 1024 / 1024
            print(f"file: {rows} rows, {size_mb:.1f} MB, written in {time.perf_counter() - started:.1f} s")

            read, write, report = read_and_import(db, path)
            total = read + write
            print(
                f"first import: read {read:.2f} s + import {write:.2f} s = {total:.2f} s "
                f"(created {report.created}, updated {report.updated}, unchanged {report.unchanged})"
            )
            for warning in report.warnings:
                print(f"  warning: {warning}")
            read2, write2, again = read_and_import(db, path)
            all_unchanged = again.unchanged == rows and again.created == again.updated == 0
            print(
                f"re-import: read {read2:.2f} s + import {write2:.2f} s = {read2 + write2:.2f} s "
                f"(created {again.created}, updated {again.updated}, unchanged {again.unchanged})"
                + ("" if all_unchanged else "  <-- expected every row unchanged")
            )

            # Opening a session's sign-in grid: its rows and its counts line, each with a fresh session.
            timings: list[float] = []
            with read_only(db) as session:
                session_id = session.scalar(select(TrainingSession.id).order_by(TrainingSession.id))
            assert session_id is not None
            for _ in range(GRID_REPEAT):
                started = time.perf_counter()
                with read_only(db) as session:
                    grid = attendance_rows(session, session_id)
                    attendance_counts(session, session_id)
                timings.append(time.perf_counter() - started)
            print(
                f"sign-in grid of one session ({len(grid)} people): attendance_rows + attendance_counts "
                f"median {statistics.median(timings) * 1000:.1f} ms (worst {max(timings) * 1000:.1f} ms)"
            )
        finally:
            db.dispose()

    rss = peak_rss_mb()
    print()
    verdict = "met" if total <= TARGET_SECONDS else "MISSED"
    print(f"read + import of {rows} rows: {total:.2f} s (target < {TARGET_SECONDS:.0f} s: {verdict})")
    if rss is not None:
        print(f"peak resident memory of the whole benchmark process (ru_maxrss): {rss:.0f} MB")
    return 0 if all_unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
