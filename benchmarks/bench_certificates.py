"""1,000 completion certificates in one batch: issuing (serials, HMAC codes) and rendering one PDF.

    python -m benchmarks.bench_certificates [--certificates 1000] [--repeat 3]
Target: >= 100 pages per second for the rendering. The archive is the demo's (`fill_demo`, without its
training year), one finished session everyone attended.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.bench_employees_table import timed_ms
from benchmarks.generate import TODAY, open_database
from desktop_hr.db import Database
from desktop_hr.models import Attendance, AttendanceStatus, Course, CourseCategory, Employee, TrainingSession
from desktop_hr.printing.certificates import render_certificates
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.records import certificates, print_settings

PAGES_PER_SECOND_TARGET = 100.0


def build(db: Database, people: int) -> int:
    """The demo archive of `people` employees and one session (16 h, 2 credits) they all attended."""
    fill_demo(db.uow(), employees=people, today=TODAY, training=False)
    starts = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=9)
    with db.uow() as uow:
        s = uow.session
        course = Course(
            code="BENCH",
            title="安全生产管理与应急处置",
            category=CourseCategory.REQUIRED,
            hours=Decimal(16),
            credits=Decimal(2),
        )
        s.add(course)
        s.flush()
        training = TrainingSession(
            code="B01", course_id=course.id, starts_at=starts, ends_at=starts + timedelta(hours=8)
        )
        s.add(training)
        s.flush()
        ids = s.scalars(select(Employee.id).order_by(Employee.employee_no).limit(people)).all()
        s.execute(
            insert(Attendance),
            [{"session_id": training.id, "employee_id": i, "status": AttendanceStatus.PRESENT} for i in ids],
        )
        session_id = training.id
        uow.commit()
    return session_id


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        started = time.perf_counter()
        session_id = build(db, args.certificates)
        print(
            f"archive of {args.certificates} employees and one session built in {time.perf_counter() - started:.1f} s"
        )

        at = datetime.combine(TODAY, datetime.min.time()) + timedelta(days=1)
        started = time.perf_counter()
        issued = certificates.issue_completion(db.uow(), session_id, at=at)
        issuing = time.perf_counter() - started
        print(
            f"issue_completion: {len(issued)} certificates in {issuing * 1000:.0f} ms ({len(issued) / issuing:.0f} per second)"
        )

        with db.read_session() as s:
            views = certificates.certificate_views(s, issued)
            settings = print_settings.get(s)
        out = Path(folder) / "certificates.pdf"
        median, worst, pages = timed_ms(
            lambda: render_certificates(out, views, settings, printed_at=at), args.repeat
        )
        rate = int(str(pages)) / (median / 1000)
        size = out.stat().st_size / 1_000_000
        print(
            f"render_certificates: {pages} pages in {median / 1000:.2f} s median (worst {worst / 1000:.2f} s), "
            f"{rate:.0f} pages/s (target >= {PAGES_PER_SECOND_TARGET:.0f}); PDF {size:.1f} MB"
        )
        with db.read_session() as s:
            started = time.perf_counter()
            for view in views[:100]:
                certificates.verify(s, view.serial, view.code)
            print(f"verify: {(time.perf_counter() - started) * 10:.2f} ms each (100 certificates)")
        db.dispose()
    return 0 if rate >= PAGES_PER_SECOND_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
