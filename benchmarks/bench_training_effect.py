"""The training-effect report at office scale: 10,000 employees, 2,000 sessions, 50,000 review items.

    python -m benchmarks.bench_training_effect [--employees 10000] [--sessions 2000] [--repeat 7]

200 courses (each addressing 2 of 20 competencies) run 2,000 sessions over 2024-2026, 20 people signed in to
each (one in ten absent), most with feedback, exams on half the sessions (pass mark on most), action plans on
a third; 25,000 reviews (2024H2, 2025H1, 2025H2, 2026H1 for a share of people) of 2 items each. Timed, a
fresh session per call as the page does: `training_effect()` for 2025 over everyone, for one department's
subtree, for one course; and the `training-effect` export. Target: <= 1 s each.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.generate import open_database
from desktop_hr.db import Database, read_only
from desktop_hr.excel.training_effect import export_training_effect
from desktop_hr.services.development.effect import EffectReport, training_effect

TARGET_S = 1.0
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime on SQLite
PERIODS = ("2024H2", "2025H1", "2025H2", "2026H1")


def fill(path: Path, employees: int, sessions: int, seed: int = 14) -> dict[str, int]:
    """Write the data straight through sqlite3 (untimed) into a migrated database."""
    rng = random.Random(seed)
    now = datetime(2026, 11, 1).strftime(STAMP)
    con = sqlite3.connect(path)
    cur = con.cursor()
    department_sql = "INSERT INTO department (name, kind, parent_id, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
    cur.execute(department_sql, ("总公司", "company", None, "1/", now, now))
    for n in range(1, 51):
        cur.execute(department_sql, (f"部门{n}", "department", 1, f"1/{n + 1}/", now, now))
    cur.executemany(
        "INSERT INTO employee (employee_no, name, department_id, status, version, note, is_trainer, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, 1, '', 0, ?, ?)",
        [
            (f"{n:06d}", f"员工{n}", rng.randrange(2, 52), "left" if n % 40 == 0 else "active", now, now)
            for n in range(1, employees + 1)
        ],
    )
    cur.executemany(
        "INSERT INTO competency (name, description) VALUES (?, '')", [(f"能力{n}",) for n in range(1, 21)]
    )
    course_sql = (
        "INSERT INTO course (code, title, credits, hours, category, classification, subject, delivery,"
        " description, active, created_at, updated_at)"
        " VALUES (?, ?, 100, 300, 'required', 'in_service', 'professional', 'offline', '', 1, ?, ?)"
    )
    cur.executemany(course_sql, [(f"C{n:03d}", f"课程{n}", now, now) for n in range(1, 201)])
    cur.executemany(
        "INSERT INTO course_competency (course_id, competency_id) VALUES (?, ?)",
        [(c, k) for c in range(1, 201) for k in {c % 20 + 1, (c * 7) % 20 + 1}],
    )
    session_rows = []
    for n in range(1, sessions + 1):
        starts = datetime(2024, 1, 8, 9) + timedelta(days=rng.randrange(0, 1000))
        session_rows.append(
            (
                f"S{n:05d}",
                rng.randrange(1, 201),
                starts.strftime(STAMP),
                (starts + timedelta(hours=8)).strftime(STAMP),
                rng.choice((None, 60, 60, 70)) if n % 2 else None,
                "action_plan" if n % 3 == 0 else None,
                "finished",
                now,
                now,
            )
        )
    cur.executemany(
        "INSERT INTO training_session (code, course_id, starts_at, ends_at, pass_mark, assignment_type, status,"
        " place, external_trainer, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', '', '', ?, ?)",
        session_rows,
    )
    attendance, feedback, exams, plans = [], [], [], []
    for session_id, row in enumerate(session_rows, start=1):
        ends = datetime.strptime(row[3], STAMP)
        for employee_id in rng.sample(range(1, employees + 1), 20):
            came = rng.random() > 0.1
            attendance.append((session_id, employee_id, "present" if came else "absent", now, now))
            if not came:
                continue
            if rng.random() < 0.8:
                feedback.append(
                    (session_id, employee_id, rng.randrange(60, 101), rng.randrange(1, 6), now, now)
                )
            if session_id % 2:
                exams.append((session_id, employee_id, rng.randrange(30, 101), now, now))
            if row[5] and rng.random() < 0.7:
                at = ends + timedelta(days=rng.randrange(0, 45))
                plans.append((session_id, employee_id, at.strftime(STAMP), rng.random() < 0.3, now, now))
    cur.executemany(
        "INSERT INTO attendance (session_id, employee_id, status, method, recorded_by, created_at, updated_at)"
        " VALUES (?, ?, ?, 'grid', '', ?, ?)",
        attendance,
    )
    cur.executemany(
        "INSERT INTO feedback (session_id, employee_id, trainer_satisfaction, course_rating, comment,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?)",
        feedback,
    )
    cur.executemany(
        "INSERT INTO exam_result (session_id, employee_id, score, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        exams,
    )
    cur.executemany(
        "INSERT INTO submission (session_id, employee_id, kind, title, text, file_name, submitted_at, excellent,"
        " adopted, published, created_at, updated_at)"
        " VALUES (?, ?, 'action_plan', '', '', '', ?, 0, ?, 0, ?, ?)",
        plans,
    )
    reviews = 0
    items = []
    for employee_id in range(1, employees + 1):
        for period in rng.sample(PERIODS, rng.choice((2, 2, 3))):
            if reviews >= 25_000:
                break
            cur.execute(
                "INSERT INTO performance_review (employee_id, period, overall_score, comment, created_at,"
                " updated_at) VALUES (?, ?, 70, '', ?, ?)",
                (employee_id, period, now, now),
            )
            reviews += 1
            for competency in rng.sample(range(1, 21), 2):
                items.append((cur.lastrowid, competency, rng.randrange(40, 101)))
    cur.executemany("INSERT INTO review_item (review_id, competency_id, score) VALUES (?, ?, ?)", items)
    con.commit()
    con.close()
    return {
        "employees": employees,
        "sessions": sessions,
        "attendance": len(attendance),
        "feedback": len(feedback),
        "exams": len(exams),
        "action plans": len(plans),
        "reviews": reviews,
        "review items": len(items),
    }


def timed(call: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), max(samples), result


def report(db: Database, **filters: int) -> EffectReport:
    with read_only(db) as session:
        return training_effect(session, **filters)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "effect.sqlite3"
        db = open_database(path)
        started = time.perf_counter()
        made = fill(path, args.employees, args.sessions)
        print(f"data: {made} in {time.perf_counter() - started:.1f} s")
        try:
            cases: list[tuple[str, Callable[[], object]]] = [
                ("training_effect(year=2025), everyone", lambda: report(db, year=2025)),
                (
                    "training_effect(year=2025), department 部门1",
                    lambda: report(db, year=2025, department_id=2),
                ),
                ("training_effect(year=2025), course C001", lambda: report(db, year=2025, course_id=1)),
                ("training_effect(), all years", lambda: report(db)),
            ]
            worst_median = 0.0
            for name, call in cases:
                median, worst, result = timed(call, args.repeat)
                assert isinstance(result, EffectReport)
                lines = sum(len(c.competencies) for c in result.courses)
                print(
                    f"{name}: {len(result.courses)} courses, {len(result.departments)} department rows, "
                    f"{lines} competency lines: median {median * 1000:.0f} ms (worst {worst * 1000:.0f} ms)"
                )
                worst_median = max(worst_median, median)
            out = Path(folder) / "effect.xlsx"

            def export() -> int:
                with read_only(db) as session:
                    return export_training_effect(session, out, 2025)

            median, _worst, rows = timed(export, 3)
            print(f"export training-effect 2025: {rows} rows, median {median * 1000:.0f} ms")
        finally:
            db.dispose()
    verdict = "met" if worst_median <= TARGET_S else "MISSED"
    print(f"target <= {TARGET_S} s per report: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
