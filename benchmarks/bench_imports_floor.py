"""The two big imports against their floors, interleaved in one run, each measurement in a fresh child process.

    python -m benchmarks.bench_imports_floor [--roster-rows 10000] [--attendance-rows 100000] [--runs 3]
        [--only roster|attendance|refusal] [--workdir DIR (keep and reuse the generated data)]

- roster import: `parse_employees` + `import_employees` of a 10,000-row roster into an empty database, against
  the floor: python-calamine reading the same sheet, and sqlite3 `executemany` writing the same rows (those the
  program wrote, copied from its result) into the same empty database;
- attendance import: `kinds()["attendance"]` parse + import of 100,000 sign-ins into a database of 5,000
  employees and 200 sessions (the points they earn and every audit entry included), against the floor:
  calamine reading the file, `executemany` of the same rows, and as many audit rows as the program wrote, each
  one JSON serialisation of a written row chained with SHA-256, through sqlite3;
- the refusal of a 1,048,576-row workbook (time and the message);
- peak memory: the child's `ru_maxrss` (the child only imports: the data is built beforehand).

Figures are medians; ratios are program / floor of the CPU time of the measured part (the machine is shared, and
CPU time is what the program spends; wall time is printed too).

The data builders are importable (`benchmarks.floors` reuses them): `build_roster(workdir, rows)` → the .xlsx,
`build_attendance(workdir, rows, ...)` → `AttendanceData` (an empty-of-sign-ins database file to copy for each
run, and the .xlsx), `build_oversized(workdir, rows)` → a workbook declaring that many rows, `copy_database(src,
dst)`; and the measurements: `program_roster`, `floor_roster`, `program_attendance`, `floor_attendance`,
`refuse_oversized`, each timing one run in the calling process and returning a `Measure`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROSTER_TARGET = 2.5
ATTENDANCE_TARGET = 1.5
MEMORY_TARGET_MB = 300
REFUSAL_TARGET_S = 2.0
# Tables the floor does not copy: the trail (the floor writes its own), settings and the schema's version.
_NOT_COPIED = frozenset({"audit_entry", "setting", "alembic_version"})


@dataclass
class Measure:
    """One measured run: seconds of CPU and of wall clock per phase, and the process's peak memory."""

    cpu: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)
    peak_mb: float = 0.0
    note: str = ""

    def phase(self, name: str) -> _Phase:
        return _Phase(self, name)

    @property
    def total_cpu(self) -> float:
        return sum(self.cpu.values())

    @property
    def total_wall(self) -> float:
        return sum(self.wall.values())


class _Phase:
    def __init__(self, measure: Measure, name: str) -> None:
        self.measure, self.name = measure, name

    def __enter__(self) -> None:
        self.cpu, self.wall = time.process_time(), time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        self.measure.cpu[self.name] = time.process_time() - self.cpu
        self.measure.wall[self.name] = time.perf_counter() - self.wall


def peak_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


# ---------------------------------------------------------------- data builders


def build_roster(workdir: Path, rows: int = 10_000, *, seed: int = 2026) -> Path:
    """A clerk's roster of `rows` people (benchmarks.generate), and an empty database beside it."""
    from benchmarks.generate import write_roster

    path = workdir / f"roster-{rows}.xlsx"
    if not path.exists():
        write_roster(path, rows, seed=seed)
    empty = workdir / "empty.sqlite3"
    if not empty.exists():
        _new_database(empty)
    return path


def _new_database(path: Path) -> None:
    from benchmarks.generate import open_database

    open_database(path).dispose()


@dataclass(frozen=True)
class AttendanceData:
    database: Path  # 5,000 employees, 200 sessions and their enrolments; no sign-in yet: copy it per run
    workbook: Path  # the sign-in history


def build_attendance(
    workdir: Path, rows: int = 100_000, *, employees: int = 5_000, sessions: int = 200, seed: int = 2026
) -> AttendanceData:
    from sqlalchemy import select

    from benchmarks.bench_attendance_import import (
        attendance_rows_for_file,
        build_database,
        write_attendance_file,
    )
    from benchmarks.generate import open_database
    from desktop_hr.db import read_only
    from desktop_hr.models import TrainingSession

    data = AttendanceData(workdir / f"attendance-{rows}.sqlite3", workdir / f"签到记录-{rows}.xlsx")
    if data.database.exists() and data.workbook.exists():
        return data
    data.database.unlink(missing_ok=True)
    db = open_database(data.database)
    try:
        listed = build_database(db, employees, sessions, max(1, rows // sessions), seed)
        with read_only(db) as session:
            starts = list(session.scalars(select(TrainingSession.starts_at).order_by(TrainingSession.code)))
        write_attendance_file(data.workbook, attendance_rows_for_file(listed, starts, seed))
    finally:
        db.dispose()
    return data


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of an SQLite database (WAL included), to import into afresh."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def _xml_rows(rows: int) -> Iterator[bytes]:
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\xb7\xa5\xe5\x8f\xb7</t></is></c></row>'
    for n in range(2, rows + 1):
        yield b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)


def build_oversized(workdir: Path, rows: int = 1_048_576) -> Path:
    """A workbook filling every row Excel has (one number per row), written as XML directly (openpyxl
    takes minutes); it declares its dimension as Excel does."""
    path = workdir / f"oversized-{rows}.xlsx"
    if path.exists():
        return path
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(name, text)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<dimension ref="A1:A%d"/><sheetData>' % rows
            )
            batch: list[bytes] = []
            for row in _xml_rows(rows):
                batch.append(row)
                if len(batch) == 10_000:
                    sheet.write(b"".join(batch))
                    batch.clear()
            sheet.write(b"".join(batch) + b"</sheetData></worksheet>")
    return path


# ---------------------------------------------------------------- the program


def program_roster(roster: Path, database: Path) -> Measure:
    """parse_employees + import_employees into `database` (an empty one, copied by the caller)."""
    from benchmarks.generate import open_database
    from desktop_hr.excel.employees import parse_employees
    from desktop_hr.services.archive.roster_import import import_employees

    db = open_database(database)
    measure = Measure()
    try:
        with measure.phase("parse"):
            parsed = parse_employees(roster)
        if parsed.errors:
            raise SystemExit(f"the roster has errors, first: {parsed.errors[0]}")
        with measure.phase("write"):
            report = import_employees(db.uow(), parsed)
        measure.note = f"created {report.created}"
    finally:
        db.dispose()
    return measure


def program_attendance(workbook: Path, database: Path) -> Measure:
    """The attendance kind's parse + import into `database` (a copy of AttendanceData.database)."""
    from benchmarks.generate import open_database
    from desktop_hr.services.exchange import kinds

    db = open_database(database)
    kind = kinds()["attendance"]
    measure = Measure()
    try:
        with measure.phase("parse"):
            parsed = kind.parse(workbook, None, None)
        with measure.phase("write"):
            report = kind.import_parsed(db.uow(), parsed, False, None)
        measure.note = f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}"
    finally:
        db.dispose()
    return measure


def refuse_oversized(workbook: Path) -> Measure:
    """Try to import a workbook of a million rows: it must be refused, quickly and by name."""
    from desktop_hr.errors import DomainError
    from desktop_hr.excel.employees import parse_employees

    measure = Measure()
    with measure.phase("refuse"):
        try:
            parse_employees(workbook)
        except DomainError as refused:
            measure.note = str(refused)
        else:
            measure.note = "NOT REFUSED"
    return measure


# ---------------------------------------------------------------- the floors


def calamine_read(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    try:
        return list(workbook.get_sheet_by_index(0).to_python())
    finally:
        workbook.close()


def _connect(path: Path) -> sqlite3.Connection:
    """sqlite3 as the program sets it up (db.py): WAL, synchronous FULL, foreign keys on."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def written_rows(before: Path, after: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Per table (in dependency order), the rows `after` holds beyond `before`'s last id: what an import wrote.
    Rows it changed in place are not counted (a first import creates)."""
    from desktop_hr.models import Base

    found: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    with sqlite3.connect(before) as old, sqlite3.connect(after) as new:
        for table in Base.metadata.sorted_tables:
            if table.name in _NOT_COPIED or "id" not in table.c:
                continue
            last = old.execute(f"SELECT coalesce(max(id), 0) FROM {table.name}").fetchone()[0]
            cursor = new.execute(f"SELECT * FROM {table.name} WHERE id > ? ORDER BY id", (last,))
            rows = cursor.fetchall()
            if rows:
                found[table.name] = ([d[0] for d in cursor.description], rows)
    old.close()
    new.close()
    return found


def audit_count(before: Path, after: Path) -> int:
    with sqlite3.connect(before) as old, sqlite3.connect(after) as new:
        count = int(new.execute("SELECT count(*) FROM audit_entry").fetchone()[0]) - int(
            old.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
        )
    old.close()
    new.close()
    return count


def _floor_write(
    conn: sqlite3.Connection, rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]], audit_rows: int
) -> None:
    """executemany of the same rows; then `audit_rows` entries, each one json.dumps of a written row chained
    with SHA-256 to the one before, through the same connection, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    for table, (columns, values) in rows.items():
        marks = ",".join("?" * len(columns))
        conn.executemany(f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})", values)
    if audit_rows:
        last = conn.execute("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
        number, prev = (int(last[0]), str(last[1])) if last else (0, "0" * 64)
        source = [(table, value) for table, (_, values) in rows.items() for value in values]
        at = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        entries = []
        for index in range(audit_rows):
            table, value = source[index % len(source)]
            number += 1
            changes = json.dumps(value, ensure_ascii=False)
            digest = hashlib.sha256(f"{number}{prev}{changes}".encode()).hexdigest()
            entries.append(
                (number, at, "bench", "create", table, str(value[0]), "", changes, "", prev, digest)
            )
            prev = digest
        conn.executemany(
            "INSERT INTO audit_entry (id, at, account, action, table_name, record_id, summary, changes, reason,"
            " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            entries,
        )
    conn.execute("COMMIT")


def floor_import(
    workbook: Path, rows_of: Path, empty: Path, database: Path, *, audit: bool = False
) -> Measure:
    """The floor of an import: calamine reads `workbook`; the rows the program wrote into `rows_of` (beyond
    what `empty` held), with `audit` as many audit rows, are written into `database` (a copy of `empty`)."""
    rows = written_rows(empty, rows_of)
    audit_rows = audit_count(empty, rows_of) if audit else 0
    conn = _connect(database)
    measure = Measure()
    try:
        with measure.phase("parse"):
            calamine_read(workbook)
        with measure.phase("write"):
            _floor_write(conn, rows, audit_rows)
    finally:
        conn.close()
    measure.note = f"{sum(len(v) for _, v in rows.values())} rows, {audit_rows} audit rows"
    return measure


# ---------------------------------------------------------------- running it


def _child(argv: list[str]) -> int:
    what, *paths = argv
    runs: dict[str, Callable[..., Measure]] = {
        "program_roster": program_roster,
        "program_attendance": program_attendance,
        "floor": floor_import,
        "floor_audit": lambda *paths: floor_import(*paths, audit=True),
        "refuse": refuse_oversized,
    }
    measure = runs[what](*(Path(p) for p in paths))
    measure.peak_mb = peak_mb()
    print(json.dumps(asdict(measure), ensure_ascii=False))
    return 0


def in_child(what: str, *paths: Path) -> Measure:
    """One measurement in a fresh interpreter: its memory is its own."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path.cwd()), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_imports_floor", "--child", what, *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{what} failed:\n{done.stderr}")
    return Measure(**json.loads(done.stdout.strip().splitlines()[-1]))


def _median(measures: list[Measure], get: Callable[[Measure], float]) -> float:
    return statistics.median(get(m) for m in measures)


def _report(name: str, program: list[Measure], floor: list[Measure], target: float) -> None:
    print(f"\n{name}: {program[-1].note}; floor {floor[-1].note}")
    for phase in ("parse", "write"):
        p_cpu = statistics.median(m.cpu[phase] for m in program)
        f_cpu = statistics.median(m.cpu[phase] for m in floor)
        p_wall = statistics.median(m.wall[phase] for m in program)
        f_wall = statistics.median(m.wall[phase] for m in floor)
        print(
            f"  {phase:6} program {p_cpu:6.2f} s cpu ({p_wall:6.2f} s wall)   floor {f_cpu:6.2f} s cpu "
            f"({f_wall:6.2f} s wall)   ratio {p_cpu / f_cpu:4.2f}× cpu, {p_wall / f_wall:4.2f}× wall"
        )
    ratios = [p.total_cpu / f.total_cpu for p, f in zip(program, floor, strict=True)]
    ratio = statistics.median(ratios)
    wall = statistics.median(p.total_wall / f.total_wall for p, f in zip(program, floor, strict=True))
    print(
        f"  total  program {_median(program, lambda m: m.total_cpu):6.2f} s cpu   floor "
        f"{_median(floor, lambda m: m.total_cpu):6.2f} s cpu   median ratio {ratio:4.2f}× cpu ({wall:4.2f}× wall)"
        f"  (target <= {target}×: {'met' if ratio <= target else 'MISSED'})"
    )
    peak = max(m.peak_mb for m in program)
    print(
        f"  peak memory: program {peak:.0f} MB, floor {max(m.peak_mb for m in floor):.0f} MB"
        f"  (target <= {MEMORY_TARGET_MB} MB: {'met' if peak <= MEMORY_TARGET_MB else 'MISSED'})"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_imports_floor", description=__doc__)
    parser.add_argument("--roster-rows", type=int, default=10_000)
    parser.add_argument("--attendance-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("roster", "attendance", "refusal"))
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="desktop_hr-floor-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tmp)
        if args.only in (None, "roster"):
            roster = build_roster(workdir, args.roster_rows)
            empty = workdir / "empty.sqlite3"
            program: list[Measure] = []
            floor: list[Measure] = []
            for run in range(args.runs):
                result = copy_database(empty, scratch / f"roster-{run}.sqlite3")
                program.append(in_child("program_roster", roster, result))
                target = copy_database(empty, scratch / "roster-floor.sqlite3")
                floor.append(in_child("floor", roster, result, empty, target))
                print(f"roster run {run + 1}: program {program[-1].cpu}, floor {floor[-1].cpu}", flush=True)
            _report(f"roster import, {args.roster_rows} rows", program, floor, ROSTER_TARGET)
        if args.only in (None, "attendance"):
            data = build_attendance(workdir, args.attendance_rows)
            program, floor = [], []
            for run in range(args.runs):
                result = copy_database(data.database, scratch / "attendance.sqlite3")
                program.append(in_child("program_attendance", data.workbook, result))
                target = copy_database(data.database, scratch / "attendance-floor.sqlite3")
                floor.append(in_child("floor_audit", data.workbook, result, data.database, target))
                print(
                    f"attendance run {run + 1}: program {program[-1].cpu}, floor {floor[-1].cpu}", flush=True
                )
            _report(f"attendance import, {args.attendance_rows} rows", program, floor, ATTENDANCE_TARGET)
        if args.only in (None, "refusal"):
            huge = build_oversized(workdir)
            refusals = [in_child("refuse", huge) for _ in range(args.runs)]
            wall = _median(refusals, lambda m: m.wall["refuse"])
            print(
                f"\n1,048,576-row workbook refused in {wall:.2f} s wall (target < {REFUSAL_TARGET_S} s: "
                f"{'met' if wall < REFUSAL_TARGET_S and refusals[0].note != 'NOT REFUSED' else 'MISSED'}), "
                f"peak {max(m.peak_mb for m in refusals):.0f} MB: {refusals[0].note}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
