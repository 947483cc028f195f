"""Talent development at office scale: the needs analysis (and, added the same way, other reports of issue 14).

    python -m benchmarks.bench_development [--db PATH] [--employees 10000] [--repeat 7]

Builds (untimed, straight through sqlite3) or reuses the database at --db (default: a temporary one): 10,000
employees in ~50 departments (5 % left), 40 competencies, 200 courses addressing them, 2,000 sessions of those
courses with internal trainers, sign-ins and feedback, 50,000 review items over the periods 2024, 2025H1,
2025Q3 and 2025, career goals naming competencies, a few pool needs. Each report is timed against its floor: one
minimal sqlite3 query giving the same figures in the same run, alternating call by call (a busy machine slows
both alike). Target: <= 1 s each. Another timing is a `timed(label, fn, floor_fn)` line in `main`.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.generate import open_database
from desktop_hr.db import Database, read_only
from desktop_hr.services.development.needs_analysis import NeedsReport, needs_analysis
from desktop_hr.services.development.trainers import TrainerProfile, trainer_profiles

TARGET_S = 1.0
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime on SQLite
PERIODS = ("2024", "2025H1", "2025Q3", "2025")  # in order of their last day
REVIEW_ITEMS = 50_000
SESSIONS = 2_000
COURSES = 200
COMPETENCIES = 40

# The floor: each person's latest score per competency (period order written out for the four periods in
# use), grouped by department and competency. No courses, goals or pool: the bare figures of the report.
NEEDS_FLOOR_SQL = """
SELECT department_id, competency_id, COUNT(*), SUM(score), SUM(score < 70) FROM (
    SELECT e.department_id, i.competency_id, i.score,
           ROW_NUMBER() OVER (
               PARTITION BY r.employee_id, i.competency_id
               ORDER BY CASE r.period WHEN '2024' THEN 1 WHEN '2025H1' THEN 2 WHEN '2025Q3' THEN 3
                                      WHEN '2025' THEN 4 END DESC, r.id DESC
           ) AS n
    FROM review_item i
    JOIN performance_review r ON r.id = i.review_id
    JOIN employee e ON e.id = r.employee_id
    WHERE e.status <> 'left'
) WHERE n = 1
GROUP BY department_id, competency_id
"""


def _rows(cur: sqlite3.Cursor, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    cur.executemany(sql, rows)


def fill(path: Path, employees: int, seed: int = 14) -> dict[str, int]:
    """Write the office straight through sqlite3 into a migrated database (untimed)."""
    rng = random.Random(seed)
    now = datetime(2026, 11, 1).strftime(STAMP)
    con = sqlite3.connect(path)
    cur = con.cursor()
    dept_sql = "INSERT INTO department (id, name, kind, parent_id, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
    cur.execute(dept_sql, (1, "总公司", "company", None, "1/", now, now))
    departments, next_id = [1], 2
    for branch in range(1, 8):
        branch_id = next_id
        cur.execute(dept_sql, (branch_id, f"分部{branch}", "branch", 1, f"1/{branch_id}/", now, now))
        departments.append(branch_id)
        next_id += 1
        for unit in range(1, 7):
            path_text = f"1/{branch_id}/{next_id}/"
            cur.execute(
                dept_sql, (next_id, f"部门{branch}-{unit}", "department", branch_id, path_text, now, now)
            )
            departments.append(next_id)
            next_id += 1
    competencies = [f"能力{n:02d}" for n in range(1, COMPETENCIES + 1)]
    _rows(
        cur,
        "INSERT INTO competency (id, name, description) VALUES (?, ?, '')",
        list(enumerate(competencies, 1)),
    )
    people = [
        (
            n,
            f"{n:06d}",
            f"员工{n}",
            rng.choice(departments),
            "left" if n % 20 == 0 else "active",
            "2026-01-31" if n % 20 == 0 else None,
            int(n % 50 == 1),
            "junior" if n % 50 == 1 else None,
            now,
            now,
        )
        for n in range(1, employees + 1)
    ]
    _rows(
        cur,
        "INSERT INTO employee (id, employee_no, name, department_id, status, leave_date, is_trainer, trainer_level, "
        "version, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, '', ?, ?)",
        people,
    )
    trainers = [p[0] for p in people if p[6]]
    _rows(
        cur,
        "INSERT INTO course (id, code, title, credits, hours, category, classification, subject, delivery, "
        "description, active, created_at, updated_at) VALUES (?, ?, ?, 100, ?, 'elective', 'in_service', "
        "'professional', 'offline', '', ?, ?, ?)",
        [
            (n, f"C{n:03d}", f"课程{n:03d}", rng.choice((200, 300, 600)), int(n % 10 != 0), now, now)
            for n in range(1, COURSES + 1)
        ],
    )
    _rows(
        cur,
        "INSERT INTO course_competency (course_id, competency_id) VALUES (?, ?)",
        sorted({(n, rng.randrange(1, COMPETENCIES + 1)) for n in range(1, COURSES + 1) for _ in range(2)}),
    )
    sessions = []
    for n in range(1, SESSIONS + 1):
        start = datetime(2024, 1, 8, 9) + timedelta(days=rng.randrange(0, 1000))
        sessions.append(
            (
                n,
                f"S{n:05d}",
                rng.randrange(1, COURSES + 1),
                start.strftime(STAMP),
                (start + timedelta(hours=3)).strftime(STAMP),
                rng.choice(trainers),
                now,
                now,
            )
        )
    _rows(
        cur,
        "INSERT INTO training_session (id, code, course_id, starts_at, ends_at, place, trainer_id, "
        "external_trainer, status, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, '', 'finished', '', ?, ?)",
        sessions,
    )
    attendance, feedback = [], []
    for session_id in range(1, SESSIONS + 1):
        for employee_id in rng.sample(range(1, employees + 1), 15):
            attendance.append(
                (session_id, employee_id, rng.choice(("present", "present", "late", "absent")), now, now)
            )
            if rng.random() < 0.6:
                feedback.append(
                    (session_id, employee_id, rng.randrange(60, 101), rng.randrange(1, 6), now, now)
                )
    _rows(
        cur,
        "INSERT INTO attendance (session_id, employee_id, status, method, recorded_by, created_at, updated_at) "
        "VALUES (?, ?, ?, 'import', '', ?, ?)",
        attendance,
    )
    _rows(
        cur,
        "INSERT INTO feedback (session_id, employee_id, trainer_satisfaction, course_rating, comment, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, '', ?, ?)",
        feedback,
    )
    reviews: list[tuple[object, ...]] = []
    items: list[tuple[int, int, int]] = []
    seen: set[tuple[int, str]] = set()  # one review per person and period (the unique key)
    while len(items) < REVIEW_ITEMS:
        employee_id = rng.randrange(1, employees + 1)
        for period in rng.sample(PERIODS, rng.randrange(1, 3)):
            if (employee_id, period) in seen:
                continue
            seen.add((employee_id, period))
            review_id = len(reviews) + 1
            reviews.append((review_id, employee_id, period, rng.randrange(55, 100), now, now))
            for competency in rng.sample(range(1, COMPETENCIES + 1), 3):
                items.append((review_id, competency, max(0, min(100, int(rng.gauss(74, 10))))))
    _rows(
        cur,
        "INSERT INTO performance_review (id, employee_id, period, overall_score, comment, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, '', ?, ?)",
        reviews,
    )
    _rows(cur, "INSERT INTO review_item (review_id, competency_id, score) VALUES (?, ?, ?)", items)
    goals = [
        (rng.randrange(1, employees + 1), f"三年内提升{rng.choice(competencies)}", "", now, now)
        for _ in range(employees // 3)
    ]
    _rows(
        cur,
        "INSERT INTO career_goal (employee_id, text, target_position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        goals,
    )
    _rows(
        cur,
        "INSERT INTO training_need (title, detail, department_id, competency_id, status, submitted_by, "
        "submitted_at, note, created_at, updated_at) VALUES (?, '', ?, ?, 'new', 'bench', ?, '', ?, ?)",
        [
            (f"需求{n}", rng.choice(departments), rng.randrange(1, COMPETENCIES + 1), now, now, now)
            for n in range(60)
        ],
    )
    con.commit()
    cur.execute("ANALYZE")
    con.close()
    return {
        "employees": employees,
        "sessions": SESSIONS,
        "attendance": len(attendance),
        "feedback": len(feedback),
        "reviews": len(reviews),
        "review items": len(items),
        "goals": len(goals),
    }


def paired(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """Seconds of each, alternating call by call after a warm-up of both."""
    first(), second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for action, samples in ((first, a), (second, b)):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
    return a, b


def timed(label: str, fn: Callable[[], object], floor_fn: Callable[[], object], repeat: int) -> float:
    """Time `fn` against its floor and print median, worst, the floor and their ratio; returns fn's median."""
    full, floor = paired(fn, floor_fn, repeat)
    median, base = statistics.median(full), statistics.median(floor)
    verdict = "ok" if median <= TARGET_S else "OVER TARGET"
    print(
        f"{label}: median {median * 1000:.0f} ms (worst {max(full) * 1000:.0f} ms); floor {base * 1000:.0f} ms; "
        f"ratio {median / base:.1f}x; target <= {TARGET_S:.0f} s: {verdict}"
    )
    return median


def floor_query(path: Path, sql: str) -> Callable[[], list[tuple[object, ...]]]:
    def run() -> list[tuple[object, ...]]:
        con = sqlite3.connect(path)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    return run


def analysis(db: Database) -> NeedsReport:
    with read_only(db) as session:
        return needs_analysis(session)


def check_same(report: NeedsReport, floor: list[tuple[object, ...]]) -> None:
    """The report's figures are the floor's: same groups, counts, sums and numbers below 70."""
    mine = {(r.department_id, r.competency_id): (r.assessed, r.total, r.below) for r in report.rows}
    theirs = {(d, c): (n, total, below) for d, c, n, total, below in floor}
    if mine != theirs:
        raise SystemExit(
            f"needs_analysis and its floor disagree on {len(set(mine.items()) ^ set(theirs.items()))} rows"
        )


# One year of every trainer's taught sessions (held: at least one sign-in), their class hours (hundredths)
# and the mean trainer satisfaction of the feedback on them: what trainer_profiles computes, minimally.
TRAINER_YEAR = 2025
TRAINERS_FLOOR_SQL = f"""
WITH held AS (
    SELECT s.id, s.trainer_id, c.hours
    FROM training_session s JOIN course c ON c.id = s.course_id
    WHERE s.trainer_id IS NOT NULL AND s.status <> 'cancelled'
      AND s.starts_at >= '{TRAINER_YEAR}-01-01' AND s.starts_at < '{TRAINER_YEAR + 1}-01-01'
      AND EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id
                  AND a.status IN ('present', 'late', 'completed'))
)
SELECT t.trainer_id, t.sessions, t.hours, f.satisfaction
FROM (SELECT trainer_id, COUNT(*) AS sessions, SUM(hours) AS hours FROM held GROUP BY trainer_id) t
LEFT JOIN (SELECT h.trainer_id, AVG(f.trainer_satisfaction) AS satisfaction
           FROM feedback f JOIN held h ON h.id = f.session_id GROUP BY h.trainer_id) f
       ON f.trainer_id = t.trainer_id
"""


def profiles(db: Database) -> list[TrainerProfile]:
    with read_only(db) as session:
        return trainer_profiles(session, TRAINER_YEAR)


def check_same_profiles(found: list[TrainerProfile], floor: list[tuple[object, ...]]) -> None:
    """The profiles' sessions and hours are the floor's, for everyone who taught that year."""
    mine = {p.employee_id: (p.sessions, int(p.hours * 100)) for p in found if p.sessions}
    theirs = {int(str(t)): (int(str(n)), int(str(h))) for t, n, h, _ in floor}
    if mine != theirs:
        raise SystemExit(
            f"trainer_profiles and its floor disagree on {len(set(mine) ^ set(theirs))} trainers"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, help="the database to build once and reuse (default: a temporary one)"
    )
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path: Path = args.db or Path(folder) / "development.sqlite3"
        fresh = not path.exists()
        db = open_database(path)
        try:
            if fresh:
                started = time.perf_counter()
                made = fill(path, args.employees)
                print(f"data: {made} in {time.perf_counter() - started:.1f} s")
            else:
                print(f"data: reusing {path}")
            floor = floor_query(path, NEEDS_FLOOR_SQL)
            report = analysis(db)
            check_same(report, floor())
            print(f"needs analysis: {len(report.rows)} department competencies, {len(report.needs)} needs")
            timed("needs_analysis", lambda: analysis(db), floor, args.repeat)
            trainers_floor = floor_query(path, TRAINERS_FLOOR_SQL)
            found = profiles(db)
            check_same_profiles(found, trainers_floor())
            print(
                f"trainer profiles {TRAINER_YEAR}: {len(found)} people, {sum(p.excellent for p in found)} excellent"
            )
            timed("trainer_profiles", lambda: profiles(db), trainers_floor, args.repeat)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
