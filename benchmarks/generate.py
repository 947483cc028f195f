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
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.models import EmployeeStatus, Gender, PersonnelCategory, Rank
from desktop_hr.services.demo import (
    AREA_CODES,
    DEPARTMENTS,
    GIVEN,
    MANAGER_POSITIONS,
    SURNAMES,
    TITLES,
    DemoReport,
    fill_demo,
)
from desktop_hr.services.employees import FIELD_LABELS
from desktop_hr.services.labels import label
from desktop_hr.services.validation import id_card_check_char

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


def id_card_no(rng: random.Random, birth: date, gender: Gender) -> str:
    """A valid 18-character resident ID: area, birth date, sequence (odd for men), GB 11643 check character."""
    parity = rng.choice([1, 3, 5, 7, 9] if gender is Gender.MALE else [0, 2, 4, 6, 8])
    first17 = f"{rng.choice(AREA_CODES)}{birth:%Y%m%d}{rng.randrange(100):02d}{parity}"
    return first17 + id_card_check_char(first17)


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

        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        birth = date(rng.randint(1966, 2003), rng.randint(1, 12), rng.randint(1, 28))
        hire = max(birth + timedelta(days=365 * 20), TODAY - timedelta(days=rng.randint(10, 365 * 18)))
        status = EmployeeStatus.ACTIVE
        if hire > TODAY - timedelta(days=180):
            status = EmployeeStatus.PROBATION
        elif not is_head and rng.random() < 0.06:
            status = EmployeeStatus.LEFT
        leave = TODAY - timedelta(days=rng.randint(1, 150)) if status is EmployeeStatus.LEFT else None
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        if rng.random() < 0.05:
            name = rng.choice([" ", "\u3000"]) + name + rng.choice(["", " ", "\u3000"])  # stray spaces
        phone: str | int = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        if rng.random() < 0.3:
            phone = int(phone)  # typed into a number cell
        if is_head:
            rank, category = Rank.MIDDLE, PersonnelCategory.MANAGEMENT
        else:
            rank = Rank.SENIOR if rng.random() < 0.02 else Rank.STAFF
            category = (
                PersonnelCategory.PROFESSIONAL
                if "工程师" in position or position in {"会计", "质检员"}
                else PersonnelCategory.SKILLED
            )
        yield [
            employee_no,
            name,
            _zh(gender),
            _as_clerks_type_dates(rng, birth, text_dates),
            id_card_no(rng, birth, gender),
            phone,
            path,
            position,
            _zh(rank),
            _zh(category),
            (rng.choice(TITLES) or None) if category is not PersonnelCategory.SKILLED else None,
            _as_clerks_type_dates(rng, hire, text_dates),
            _zh(status),
            _as_clerks_type_dates(rng, leave, text_dates) if leave else None,
            None if is_head else heads[path],
        ]


def _zh(member: enum.Enum) -> str:
    # The exchange format's values are the Chinese labels whatever language the shell asked for.
    previous = messages.language()
    messages.set_language("zh_CN")
    try:
        return label(member)
    finally:
        messages.set_language(previous)


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
        db = Database.open(args.out)
        try:
            report = fill_database(db, args.employees, seed=args.seed)
        finally:
            db.dispose()
        what = f"{report.employees} employees, {report.departments} departments, {report.reviews} reviews"
    print(f"{args.out}: {what} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
