"""Every requirement for every employee: 10,000 employees with 20 training rows each.

    python -m benchmarks.bench_requirements [--employees 10000] [--rows 20] [--repeat 7]

Each employee gets `rows` earned rows, half sign-ins to sessions of 2024-2026 (one in ten of them absent or
excused, so earning nothing) and half historical records, and a few submissions. Timed in the same run:
`evaluate()` of the six shipped requirements for everyone as of 2026 (a fresh session per call, as the tab
does), and one plain SQL aggregate over the same rows through sqlite3 (each employee's hours and credits
from the same union of sign-ins and records): the floor any evaluation has to stand on. Target: <= 2 s, and
within 3x of the aggregate. Also timed: the gap texts of every standing, and the requirements export.
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
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.generate import open_database
from desktop_hr.db import Database, read_only
from desktop_hr.excel.requirements import export_requirements
from desktop_hr.services.requirements.evaluation import Standing, evaluate

TARGET_S = 2.0
RATIO_TARGET = 3.0
YEAR = 2026
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime on SQLite

# The one SQL aggregate: hours and credits of each employee over every earned row, no split, no period.
BASELINE_SQL = """
SELECT employee_id, SUM(hours), SUM(credits) FROM (
    SELECT a.employee_id AS employee_id, c.hours AS hours, c.credits AS credits
    FROM attendance a
    JOIN training_session s ON s.id = a.session_id
    JOIN course c ON c.id = s.course_id
    WHERE a.status IN ('present', 'late', 'completed')
    UNION ALL
    SELECT employee_id, hours, credits FROM training_record
) GROUP BY employee_id
"""


def fill(path: Path, employees: int, rows: int, seed: int = 13) -> dict[str, int]:
    """Write the data straight through sqlite3 (untimed): a migrated database gets people, courses, sessions,
    sign-ins, historical records and submissions."""
    rng = random.Random(seed)
    now = datetime(2026, 11, 1).strftime(STAMP)
    con = sqlite3.connect(path)
    cur = con.cursor()
    cur.execute(
        "INSERT INTO department (name, kind, parent_id, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ("总公司", "company", None, "1/", now, now),
    )
    departments = [1]
    for n in range(1, 21):
        cur.execute(
            "INSERT INTO department (name, kind, parent_id, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (f"部门{n}", "department", 1, f"1/{n + 1}/", now, now),
        )
        departments.append(n + 1)
    categories = ["professional", "management", "skilled"]
    people = []
    for n in range(1, employees + 1):
        status = "probation" if n % 25 == 0 else "active"
        hired = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 4000))
        people.append(
            (
                f"{n:06d}",
                f"员工{n}",
                rng.choice(departments),
                rng.choice(categories),
                status,
                hired.isoformat(),
                1,
                "",
                now,
                now,
            )
        )
    cur.executemany(
        "INSERT INTO employee (employee_no, name, department_id, category, status, hire_date, version, note, "
        "is_trainer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        people,
    )
    cur.execute("INSERT INTO competency (name, description) VALUES ('团队管理', '')")
    courses: list[int] = []
    specs = [("ONB-01", 200, 200), ("ONB-02", 300, 300), ("ONB-03", 400, 400)]
    specs += [
        (f"C{n:03d}", rng.choice((200, 300, 600, 800, 1200)), rng.choice((100, 150, 200, 400)))
        for n in range(1, 41)
    ]
    for number, (code, hours, credits) in enumerate(specs):
        cur.execute(
            "INSERT INTO course (code, title, credits, hours, category, classification, subject, delivery, "
            "description, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'in_service', ?, ?, '', 1, ?, ?)",
            (
                code,
                f"课程{code}",
                credits,
                hours,
                ("required", "elective", "practice")[number % 3],
                ("professional", "general")[number % 2],
                ("offline", "online")[number % 4 == 3],
                now,
                now,
            ),
        )
        assert cur.lastrowid is not None
        courses.append(cur.lastrowid)
        if number % 5 == 1:
            cur.execute(
                "INSERT INTO course_competency (course_id, competency_id) VALUES (?, 1)", (cur.lastrowid,)
            )
    sessions: list[tuple[int, datetime]] = []
    for n in range(600):
        start = datetime(2024, 1, 8, 9) + timedelta(days=rng.randrange(0, 1080))
        cur.execute(
            "INSERT INTO training_session (code, course_id, starts_at, ends_at, place, external_trainer, status, "
            "note, created_at, updated_at) VALUES (?, ?, ?, ?, '', '', 'finished', '', ?, ?)",
            (
                f"S{n:04d}",
                rng.choice(courses),
                start.strftime(STAMP),
                (start + timedelta(hours=6)).strftime(STAMP),
                now,
                now,
            ),
        )
        assert cur.lastrowid is not None
        sessions.append((cur.lastrowid, start))
    statuses = ["present"] * 14 + ["late", "late", "completed", "completed", "absent", "excused"]
    attendance, records, submissions = [], [], []
    for employee_id in range(1, employees + 1):
        for session_id, start in rng.sample(sessions, rows // 2):
            status = rng.choice(statuses)
            attendance.append((session_id, employee_id, status, now, now))
            if status not in ("absent", "excused") and rng.random() < 0.3:
                submitted = (start + timedelta(days=2)).strftime(STAMP)
                kind = rng.choice(("reflection", "reflection", "action_plan", "homework"))
                submissions.append(
                    (session_id, employee_id, kind, submitted, int(rng.random() < 0.6), now, now)
                )
        for n in range(rows - rows // 2):
            day = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2900))
            records.append(
                (
                    employee_id,
                    f"历史培训{n}",
                    day.isoformat(),
                    rng.choice((300, 600, 800, 1200, 1600)),
                    rng.choice((50, 100, 200)),
                    rng.choice(("required", "elective", "practice", None)),
                    rng.choice(("professional", "general", None)),
                    now,
                    now,
                )
            )
    cur.executemany(
        "INSERT INTO attendance (session_id, employee_id, status, method, recorded_by, created_at, updated_at) "
        "VALUES (?, ?, ?, 'import', '', ?, ?)",
        attendance,
    )
    cur.executemany(
        "INSERT INTO training_record (employee_id, course_title, on_date, hours, credits, category, subject, "
        "score, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?)",
        records,
    )
    cur.executemany(
        "INSERT INTO submission (session_id, employee_id, kind, title, text, file_name, submitted_at, excellent, "
        "adopted, published, created_at, updated_at) VALUES (?, ?, ?, '', '', '', ?, ?, 0, 0, ?, ?)",
        submissions,
    )
    con.commit()
    cur.execute("ANALYZE")
    con.close()
    return {
        "employees": employees,
        "attendance": len(attendance),
        "records": len(records),
        "submissions": len(submissions),
    }


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median and worst seconds over `repeat` calls (one untimed warm-up first), and the last result."""
    result = action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), max(samples), result


def paired(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """Seconds of each, alternating call by call (after a warm-up of both), so that a machine busy with
    something else slows both alike and their ratio stays meaningful."""
    first(), second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for action, samples in ((first, a), (second, b)):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
    return a, b


def baseline(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return len(con.execute(BASELINE_SQL).fetchall())
    finally:
        con.close()


def evaluate_all(db: Database) -> list[Standing]:
    with read_only(db) as session:
        return list(evaluate(session, YEAR))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=20, help="earned rows per employee (sign-ins + records)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "requirements.sqlite3"
        db = open_database(path)
        started = time.perf_counter()
        made = fill(path, args.employees, args.rows)
        print(f"data: {made} in {time.perf_counter() - started:.1f} s")
        try:
            groups = baseline(path)
            standings = evaluate_all(db)
            base_samples, full_samples = paired(lambda: baseline(path), lambda: evaluate_all(db), args.repeat)
            base, base_worst = statistics.median(base_samples), max(base_samples)
            full, full_worst = statistics.median(full_samples), max(full_samples)
            ratios = [f / b for f, b in zip(full_samples, base_samples, strict=True)]
            typed = standings
            texts, _worst, _ = timed(lambda: [s.gap() for s in typed], 3)
            out = Path(folder) / "requirements.xlsx"

            def export() -> int:
                with read_only(db) as session:
                    return export_requirements(session, out, YEAR)

            exported, _worst, written = timed(export, 1)
        finally:
            db.dispose()
    met = sum(1 for s in typed if s.met)
    print(
        f"one SQL aggregate (sqlite3), {groups} employees: median {base * 1000:.0f} ms (worst {base_worst * 1000:.0f} ms)"
    )
    print(
        f"evaluate(), 6 requirements, {len(typed)} standings ({met} met): "
        f"median {full * 1000:.0f} ms (worst {full_worst * 1000:.0f} ms)"
    )
    print(
        f"ratio of the medians: {full / base:.2f}, median of the paired ratios: {statistics.median(ratios):.2f} "
        f"(target <= {RATIO_TARGET}); evaluate() <= {TARGET_S} s: {'met' if full <= TARGET_S else 'MISSED'}"
    )
    print(f"gap texts of every standing: median {texts * 1000:.0f} ms")
    print(f"requirements export ({written} rows, evaluation included): {exported:.2f} s")
    return 0 if full <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
