"""Benchmark data: realistic rosters (.xlsx, employees exchange format) and databases filled with N employees.

python -m benchmarks.generate roster OUT.xlsx [--rows 10000]
python -m benchmarks.generate db OUT.sqlite3 [--employees 10000]
"""

from __future__ import annotations

import argparse
import enum
import random
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop_hr.db import Database
from desktop_hr.services.archive.employees import FIELD_LABELS
from desktop_hr.services.demo.fill import (
    DEPARTMENTS,
    MANAGER_POSITIONS,
    DemoReport,
    category_for,
    fill_demo,
    random_person,
    rank_for,
    title_for,
)
from desktop_hr.services.labels import FORMAT_LANGUAGE, label
from desktop_hr.services.trust import database as trust_database

TODAY = date(2026, 11, 1)  # fixed, so a seed always gives the same file
# A store per 200 employees under the branches: a 10,000-row roster has a tree of ~60 departments.
STORE_PARENTS = ("总公司/华东分部", "总公司/华南分部", "总公司/华北分部")
STORE_POSITIONS = ["店长", "店员", "店员", "店员", "收银员"]
CellValue = str | int | date | None


def department_positions(rows: int) -> dict[str, list[str]]:
    """Department path -> its positions: the demo data's departments plus stores as the roster grows."""
    departments = dict(DEPARTMENTS)
    for n in range(1, rows // 200 + 1):
        parent = STORE_PARENTS[n % len(STORE_PARENTS)]
        departments[f"{parent}/门店运营部/第{n:02d}门店"] = STORE_POSITIONS
    return departments


def _as_clerks_type_dates(rng: random.Random, value: date, text_share: float) -> CellValue:
    """Mostly real Excel dates; some typed as text in the forms clerks use."""
    if rng.random() >= text_share:
        return value
    forms = (
        f"{value:%Y-%m-%d}",
        f"{value.year}/{value.month}/{value.day}",
        f"{value.year}.{value.month}.{value.day}",
        f"{value.year}年{value.month}月{value.day}日",
    )
    return rng.choice(forms)


def roster_rows(rows: int, *, seed: int = 2026, text_dates: float = 0.2) -> Iterator[list[CellValue]]:
    """Rows in FIELD_LABELS order. Each department's head comes first, so every 直属上级工号 is already known."""
    rng = random.Random(seed)
    departments = department_positions(rows)
    paths = list(departments)
    width = max(5, len(str(rows)))
    heads: dict[str, str] = {}
    for n in range(1, rows + 1):
        path = paths[n - 1] if n <= len(paths) else rng.choice(paths)
        positions = departments[path]
        if path not in heads:
            position = next((p for p in positions if p in MANAGER_POSITIONS), positions[0])
        else:
            position = rng.choice([p for p in positions if p not in MANAGER_POSITIONS] or positions)
        is_head = path not in heads
        employee_no = f"{n:0{width}d}"
        heads.setdefault(path, employee_no)

        person = random_person(rng, TODAY, may_leave=not is_head)
        name = person.name
        if rng.random() < 0.05:
            name = rng.choice([" ", "\u3000"]) + name + rng.choice(["", " ", "\u3000"])  # stray spaces
        phone: str | int = person.phone
        if rng.random() < 0.3:
            phone = int(phone)  # typed into a number cell
        rank = rank_for(rng, is_manager=is_head)
        category = category_for(position, is_manager=is_head)
        yield [
            employee_no,
            name,
            _zh(person.gender),
            _as_clerks_type_dates(rng, person.birth_date, text_dates),
            person.id_card_no,
            phone,
            path,
            position,
            _zh(rank),
            _zh(category),
            title_for(rng, position, category),
            _as_clerks_type_dates(rng, person.hire_date, text_dates),
            _zh(person.status),
            _as_clerks_type_dates(rng, person.leave_date, text_dates) if person.leave_date else None,
            None if is_head else heads[path],
        ]


def _zh(member: enum.Enum) -> str:
    return label(member, FORMAT_LANGUAGE)


def write_roster(
    path: Path, rows: int, *, seed: int = 2026, text_dates: float = 0.2, title_row: bool = True
) -> Path:
    """A roster as clerks keep them: optional title row, canonical headers, mixed date cells, codes as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("在职员工")
    if title_row:
        sheet.append([f"某服装制造有限公司 员工花名册（{TODAY.year}年{TODAY.month}月）"])
        sheet.append([])
    sheet.append([zh for zh, _en in FIELD_LABELS.values()])
    for row in roster_rows(rows, seed=seed, text_dates=text_dates):
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def fill_database(db: Database, employees: int, *, seed: int = 2026) -> DemoReport:
    """N employees with departments, reviews and goals, through the demo-data service (one transaction)."""
    return fill_demo(db.uow(), employees=employees, seed=seed, today=TODAY)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    roster = commands.add_parser("roster", help="write a roster .xlsx")
    roster.add_argument("out", type=Path)
    roster.add_argument("--rows", type=int, default=10_000)
    roster.add_argument("--seed", type=int, default=2026)
    database = commands.add_parser("db", help="create an SQLite database with N employees")
    database.add_argument("out", type=Path)
    database.add_argument("--employees", type=int, default=10_000)
    database.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.command == "roster":
        write_roster(args.out, args.rows, seed=args.seed)
        what = f"{args.rows} rows"
    else:
        if args.out.exists():
            parser.error(f"{args.out} exists; the demo data goes into a new database")
        db = open_database(args.out)
        try:
            report = fill_database(db, args.employees, seed=args.seed)
        finally:
            db.dispose()
        what = f"{report.employees} employees, {report.departments} departments, {report.reviews} reviews"
    print(f"{args.out}: {what} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def open_database(path: Path | str) -> Database:
    """Open (and migrate) a benchmark database, acting as an HR administrator like a clerk at work."""
    from desktop_hr.models import Role
    from desktop_hr.services.trust.permissions import Principal

    db = trust_database.open_database(path)
    db.principal = Principal(name="bench", role=Role.ADMIN)
    return db
