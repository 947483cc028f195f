"""Opening a session with 500 enrolled: the queries behind each tab of the session page, and the page itself.

    python -m benchmarks.bench_session_page [--employees 10000] [--enrolled 500] [--repeat 10]
Target: the page, header and all four tabs filled, in <= 1 s on a clerk's PC (offscreen here).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.bench_employees_table import timed_ms
from benchmarks.generate import TODAY, open_database
from desktop_hr.db import Database, read_only
from desktop_hr.models import (
    AssignmentType,
    AttendanceStatus,
    Course,
    CourseCategory,
    Employee,
    EmployeeStatus,
    Feedback,
    Submission,
    TrainingSession,
)
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.training.assessment import exam_rows, feedback_rows, feedback_summary
from desktop_hr.services.training.attendance import attendance_rows, mark_attendance
from desktop_hr.services.training.enrolment import enrol, enrolment_rows
from desktop_hr.services.training.sessions import session_summary
from desktop_hr.services.training.submissions import submission_rows

PAGE_TARGET_S = 1.0


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and worst wall time in ms (the employees-table benchmark's measure, without the result)."""
    median, worst, _result = timed_ms(action, repeat)
    return median, worst


def build(db: Database, employees: int, enrolled: int) -> tuple[int, dict[str, float]]:
    """A demo archive and one large session: `enrolled` people signed in, most handed in and rated it."""
    figures: dict[str, float] = {}
    started = time.perf_counter()
    fill_demo(db.uow(), employees=employees, today=TODAY, training=False)
    figures["archive"] = time.perf_counter() - started
    rng = random.Random(7)
    starts = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=9)
    with db.uow() as uow:
        course = Course(
            code="B001",
            title="大型讲座：数字化转型",
            credits=Decimal(2),
            hours=Decimal(4),
            category=CourseCategory.ELECTIVE,
        )
        uow.session.add(course)
        uow.session.flush()
        training = TrainingSession(
            code="BENCH-500",
            course_id=course.id,
            starts_at=starts,
            ends_at=starts + timedelta(hours=4),
            place="总部一楼报告厅",
            capacity=enrolled,
            assignment_type=AssignmentType.REFLECTION,
            pass_mark=60,
        )
        uow.session.add(training)
        uow.commit()
        session_id = training.id
    with read_only(db) as session:
        people = list(
            session.scalars(
                select(Employee.id).where(Employee.status != EmployeeStatus.LEFT).limit(enrolled + 40)
            )
        )
    started = time.perf_counter()
    enrol(db.uow(), session_id, people, today=TODAY - timedelta(days=10))  # 40 beyond capacity: waitlist
    figures["enrol"] = time.perf_counter() - started
    started = time.perf_counter()
    mark_attendance(
        db.uow(),
        session_id,
        people[:enrolled],
        AttendanceStatus.PRESENT,
        starts - timedelta(minutes=5),
        allow_unenrolled=False,
    )
    figures["sign_in_all"] = time.perf_counter() - started
    with db.uow() as uow:
        writers = people[: enrolled * 3 // 5]
        uow.session.execute(
            insert(Submission),
            [
                {
                    "session_id": session_id,
                    "employee_id": pid,
                    "kind": AssignmentType.REFLECTION,
                    "title": "学习心得",
                    "text": "通过本次培训……" * 20,
                    "submitted_at": starts + timedelta(days=rng.randint(1, 20)),
                    "hr_score": rng.randint(60, 100),
                    "head_score": rng.randint(60, 100),
                }
                for pid in writers
            ],
        )
        uow.session.execute(
            insert(Feedback),
            [
                {
                    "session_id": session_id,
                    "employee_id": pid,
                    "trainer_satisfaction": rng.randint(70, 100),
                    "course_rating": rng.randint(3, 5),
                    "comment": "很实用",
                }
                for pid in writers
            ],
        )
        uow.commit()
    return session_id, figures


def query_figures(db: Database, session_id: int, repeat: int) -> list[tuple[str, float, float]]:
    def reading(fn: Callable[..., object]) -> Callable[[], object]:
        def run() -> object:
            with read_only(db) as session:
                return fn(session, session_id)

        return run

    return [
        (name, *timed(reading(fn), repeat))
        for name, fn in (
            ("header (session_summary)", session_summary),
            ("enrolment tab (enrolment_rows)", enrolment_rows),
            ("sign-in tab (attendance_rows)", attendance_rows),
            ("submissions tab (submission_rows)", submission_rows),
            ("feedback tab (feedback_rows)", feedback_rows),
            ("feedback means (feedback_summary)", feedback_summary),
            ("exams (exam_rows)", exam_rows),
        )
    ]


def page_figures(db: Database, session_id: int, repeat: int) -> tuple[float, float]:
    """Wall time from open_session() until the header and all four tabs hold their rows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_hr.views import operations
    from desktop_hr.views.training.sessions_tab import SessionsTab

    app = QApplication.instance() or QApplication(sys.argv)
    tab = SessionsTab(db)
    tab.resize(1280, 800)
    tab.show()

    def open_page() -> None:
        tab.show_list()
        app.processEvents()
        tab.open_session(session_id)
        for panel in tab.page.panels():  # each tab reads its rows once it is shown
            tab.page.tabs.setCurrentWidget(panel)
        operations.wait_for_all()
        app.processEvents()
        operations.wait_for_all()
        app.processEvents()

    return timed(open_page, repeat)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_session_page", description=__doc__)
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--enrolled", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench_session_"))
    db = open_database(folder / "bench.sqlite3")
    session_id, built = build(db, args.employees, args.enrolled)
    print(f"archive of {args.employees:,} employees: {built['archive']:.1f} s")
    print(f"enrol {args.enrolled + 40} people (40 waitlisted): {built['enrol'] * 1000:.0f} ms")
    print(
        f"sign in {args.enrolled} people at once (grid 'mark present'): {built['sign_in_all'] * 1000:.0f} ms"
    )
    for name, median, worst in query_figures(db, session_id, args.repeat):
        print(f"{name:40s} median {median:7.1f} ms   worst {worst:7.1f} ms")
    median, worst = page_figures(db, session_id, args.repeat)
    verdict = "ok" if worst / 1000 <= PAGE_TARGET_S else "SLOWER THAN TARGET"
    print(
        f"{'session page, all tabs filled':40s} median {median:7.1f} ms   worst {worst:7.1f} ms   ({verdict})"
    )
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
