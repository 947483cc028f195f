"""Points reports over a big ledger: 10,000 employees and 1,000,000 entries across two years.

    python -m benchmarks.bench_points [--employees 10000] [--entries 1000000] [--repeat 10]
Target: the leaderboard for a quarter in <= 200 ms. Also timed: one employee's ledger, balances of
everyone, the distribution report and the points-summary export.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from benchmarks.bench_employees_table import timed_ms
from benchmarks.generate import TODAY, open_database
from desktop_hr.db import Database, read_only
from desktop_hr.excel.points import export_points_summary
from desktop_hr.models import Employee, PointCategory, PointEntry, PointRule
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.points.distribution import distribution_report
from desktop_hr.services.points.ledger import MANUAL, REDEEM
from desktop_hr.services.points.point_reports import (
    Period,
    balance_rows,
    employee_ledger,
    leaderboard,
)

LEADERBOARD_TARGET_MS = 200.0
CHUNK = 50_000
DAYS = 730  # two years up to TODAY
P, OUT, SH, OTH = (
    PointCategory.PARTICIPATION,
    PointCategory.OUTPUT,
    PointCategory.SHARING,
    PointCategory.OTHER,
)
# (code, points, category, source type, weight): the default preset's events, manual entries and redemptions
EVENTS: list[tuple[str, int, PointCategory, str, int]] = [
    ("ATTEND_OFFLINE", 10, P, "session", 45),
    ("LATE", -2, P, "session", 8),
    ("COMPLETE_ONLINE", 5, P, "session", 15),
    ("ACTION_PLAN", 20, OUT, "submission", 10),
    ("ACTION_PLAN_ADOPTED", 50, OUT, "submission", 3),
    ("TEACH_SESSION", 30, SH, "session", 2),
    ("REFLECTION_PUBLISHED", 15, SH, "submission", 10),
    (MANUAL, 0, OTH, "", 4),  # points drawn per entry
    (REDEEM, 0, OTH, "redemption", 3),  # holds, some given back
]


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and worst wall time in ms (the employees-table benchmark's measure, without the result)."""
    median, worst, _result = timed_ms(action, repeat)
    return median, worst


def _entries(
    rng: random.Random, people: list[int], rules: dict[str, int], count: int
) -> Iterator[dict[str, Any]]:
    start = datetime.combine(TODAY, datetime.min.time()) - timedelta(days=DAYS)
    codes = [e[:4] for e in EVENTS]
    weights = [e[4] for e in EVENTS]
    for n in range(count):
        code, points, category, source = rng.choices(codes, weights)[0]
        employee_id = rng.choice(people)
        source_id: int | None = rng.randint(1, 20_000) if source else None
        reason = ""
        if code == MANUAL:
            points = rng.choice((5, 10, 20, 50, -5, -10))
            reason = "部门活动组织" if points > 0 else "培训材料迟交"
        elif code == REDEEM:
            points = rng.choice((-100, -80, -60, -120, 100))  # the +100: a rejected request given back
        yield {
            "employee_id": employee_id,
            "points": points,
            "category": category,
            "rule_id": rules.get(code),
            "rule_code": code,
            "occurred_at": start + timedelta(seconds=rng.randrange(DAYS * 86_400)),
            "source_type": source,
            "source_id": source_id,
            "award_key": f"{code}:{source}:{source_id}:{employee_id}:{n}" if code in rules else None,
            "reason": reason,
            "actor": "system" if code in rules else "hr",
        }


def build(db: Database, employees: int, entries: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    started = time.perf_counter()
    fill_demo(db.uow(), employees=employees, today=TODAY, training=False)
    figures["archive"] = time.perf_counter() - started
    rng = random.Random(4)
    with read_only(db) as session:
        people = list(session.scalars(select(Employee.id)))
        rules = dict(session.execute(select(PointRule.code, PointRule.id).where(PointRule.enabled)).all())
    started = time.perf_counter()
    rows = _entries(rng, people, rules, entries)
    with db.uow() as uow:
        while chunk := [row for _, row in zip(range(CHUNK), rows, strict=False)]:
            uow.session.execute(insert(PointEntry), chunk)
        uow.commit()
    figures["ledger"] = time.perf_counter() - started
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_points", description=__doc__)
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench_points_"))
    db = open_database(folder / "bench.sqlite3")
    built = build(db, args.employees, args.entries)
    print(f"archive of {args.employees:,} employees: {built['archive']:.1f} s")
    print(f"{args.entries:,} ledger entries over two years (bulk inserts): {built['ledger']:.1f} s")
    quarter = Period.quarter(TODAY - timedelta(days=92))  # the last whole quarter
    with read_only(db) as session:
        in_quarter = session.scalar(select(func.count()).select_from(PointEntry).where(quarter.where()))
        # a typical person: the median number of entries
        per_person = sorted(
            session.execute(
                select(PointEntry.employee_id, func.count()).group_by(PointEntry.employee_id)
            ).all(),
            key=lambda row: row[1],
        )
        person, their_entries = per_person[len(per_person) // 2]
    print(f"{quarter.describe()}: {in_quarter:,} entries; employee {person} has {their_entries} entries")

    def reading(fn: Callable[[Any], object]) -> Callable[[], object]:
        def run() -> object:
            with read_only(db) as session:
                return fn(session)

        return run

    export_path = folder / "points-summary.xlsx"
    cases: list[tuple[str, Callable[[Any], object]]] = [
        ("leaderboard, one quarter", lambda s: leaderboard(s, quarter)),
        ("leaderboard, one quarter, top 20", lambda s: leaderboard(s, quarter, limit=20)),
        ("one employee's ledger", lambda s: employee_ledger(s, person)),
        ("balance_rows, everyone", balance_rows),
        ("distribution report, one quarter", lambda s: distribution_report(s, quarter)),
        ("points-summary export", lambda s: export_points_summary(s, export_path)),
    ]
    for name, fn in cases:
        median, worst = timed(reading(fn), args.repeat)
        verdict = ""
        if name == "leaderboard, one quarter":
            verdict = "   (ok)" if worst <= LEADERBOARD_TARGET_MS else "   (SLOWER THAN TARGET)"
        print(f"{name:36s} median {median:8.1f} ms   worst {worst:8.1f} ms{verdict}")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
