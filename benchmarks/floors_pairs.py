"""The floors of `benchmarks.floors`: the least each library needs for the same work, beside the program's call.

Each floor reads the same data and writes (or draws, or reads) the same things as the program, without the
program's checks, objects and layers: python-calamine for reading a workbook, sqlite3's executemany for
writing, ReportLab's canvas for a page, the program's own SQL run straight through sqlite3.
"""

from __future__ import annotations

import hashlib
import json
import resource
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

# ---- roster: calamine read / executemany write ---------------------------------------------------------


def calamine_rows(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    rows: list[list[Any]] = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return rows


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _value(value: object) -> object:
    """What sqlite3 stores for a record's value: enum members as their value, dates as ISO text."""
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def roster_floor_write(db_path: Path, records: list[Any]) -> int:
    """The parsed roster's departments, positions and employees, each table in one executemany."""
    conn = sqlite3.connect(db_path)
    now = _now()
    departments: dict[str, int] = {}
    department_rows: list[tuple[object, ...]] = []
    positions: dict[str, int] = {}
    for record in records:
        path = record.department_path
        if path and path not in departments:
            parts = path.split("/")
            for depth in range(len(parts)):
                key = "/".join(parts[: depth + 1])
                if key not in departments:
                    departments[key] = len(departments) + 1
                    parent = departments.get("/".join(parts[:depth])) if depth else None
                    kind = "company" if depth == 0 else "department"
                    department_rows.append((departments[key], parts[depth], kind, parent, key, now, now))
        if record.position and record.position not in positions:
            positions[record.position] = len(positions) + 1
    conn.executemany("INSERT INTO department VALUES (?, ?, ?, ?, ?, ?, ?)", department_rows)
    conn.executemany(
        "INSERT INTO position (id, name, description, created_at, updated_at) VALUES (?, ?, '', ?, ?)",
        [(number, name, now, now) for name, number in positions.items()],
    )
    conn.executemany(
        "INSERT INTO employee (employee_no, name, gender, birth_date, id_card_no, phone, department_id, "
        "position_id, rank, category, title, hire_date, status, is_trainer, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?)",
        [
            (
                r.employee_no,
                r.name,
                _value(r.gender),
                _value(r.birth_date),
                r.id_card_no,
                r.phone,
                departments.get(r.department_path) if r.department_path else None,
                positions.get(r.position) if r.position else None,
                _value(r.rank),
                _value(r.category),
                r.title,
                _value(r.hire_date),
                "active",
                now,
                now,
            )
            for r in records
        ],
    )
    conn.commit()
    conn.close()
    return len(records)


# ---- attendance: the same rows and the same audit chain, through sqlite3 --------------------------------

ATTENDANCE_COLUMNS = ("session_id", "employee_id", "status", "signed_in_at", "method", "recorded_by")
ENROLMENT_COLUMNS = ("session_id", "employee_id", "status", "source", "requested_at")
POINT_COLUMNS = ("employee_id", "points", "category", "rule_id", "rule_code", "occurred_at", "source_type")
LATE_AFTER = timedelta(minutes=5)


def _at(cell: object) -> datetime | None:
    if isinstance(cell, datetime):
        return cell
    if isinstance(cell, str) and cell.strip():
        return datetime.strptime(cell.strip(), "%Y/%m/%d %H:%M")
    return None


def attendance_floor(db_path: Path, xlsx: Path) -> dict[str, int]:
    """Read the sign-in history with calamine; write its sign-ins, the enrolments of people not enrolled,
    the attendance points (and LATE's), and one audit entry per row written (its values as JSON), chained by
    SHA-256 as the program chains its trail; one transaction. Returns the rows written per table."""
    rows = calamine_rows(xlsx)[2:]  # title row, header row
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("BEGIN IMMEDIATE")
    sessions = {
        code: (number, datetime.fromisoformat(starts))
        for code, number, starts in conn.execute("SELECT code, id, starts_at FROM training_session")
    }
    people = dict(conn.execute("SELECT employee_no, id FROM employee"))
    enrolled = set(conn.execute("SELECT session_id, employee_id FROM enrolment"))
    rules = dict(conn.execute("SELECT code, id FROM point_rule WHERE enabled"))
    now = _now()
    attendance: list[tuple[Any, ...]] = []
    enrolments: list[tuple[Any, ...]] = []
    points: list[tuple[Any, ...]] = []
    for code, number, _name, cell, state in rows:
        session_id, starts = sessions[code]
        employee_id = people[str(number)]
        signed = _at(cell)
        if state in ("请假", "缺勤"):
            status = "excused" if state == "请假" else "absent"
        else:
            status = "late" if signed is not None and signed > starts + LATE_AFTER else "present"
        attendance.append(
            (session_id, employee_id, status, signed and signed.isoformat(sep=" "), "import", "bench")
        )
        if (session_id, employee_id) not in enrolled:
            enrolments.append((session_id, employee_id, "enrolled", "hr", now))
        if status in ("present", "late"):
            occurred = starts.isoformat(sep=" ")
            points.append(
                (
                    employee_id,
                    10,
                    "participation",
                    rules.get("ATTEND_OFFLINE"),
                    "ATTEND_OFFLINE",
                    occurred,
                    "session",
                )
            )
            if status == "late":
                points.append(
                    (employee_id, -2, "participation", rules.get("LATE"), "LATE", occurred, "session")
                )
    written = {
        "attendance": _insert(conn, "attendance", ATTENDANCE_COLUMNS, attendance, now),
        "enrolment": _insert(conn, "enrolment", ENROLMENT_COLUMNS, enrolments, now),
        "point_entry": _insert(conn, "point_entry", POINT_COLUMNS, points, now, updated=False),
    }
    trail: list[tuple[str, int, tuple[str, ...], list[tuple[Any, ...]]]] = [
        ("attendance", written["attendance"], ATTENDANCE_COLUMNS, attendance),
        ("enrolment", written["enrolment"], ENROLMENT_COLUMNS, enrolments),
        ("point_entry", written["point_entry"], POINT_COLUMNS, points),
    ]
    written["audit_entry"] = _chain(conn, trail)
    conn.execute("COMMIT")
    conn.close()
    return {
        table: len(rows)
        for table, rows in (("attendance", attendance), ("enrolment", enrolments), ("point_entry", points))
    } | {"audit_entry": written["audit_entry"]}


def _insert(
    conn: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    now: str,
    *,
    updated: bool = True,
) -> int:
    """Insert with ids assigned here (previous maximum + 1), as a single writer may; returns the first id."""
    first = int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])
    stamps = ("created_at", "updated_at") if updated else ("created_at",)
    extra = ("reason", "actor") if table == "point_entry" else ()
    names = ("id", *columns, *stamps, *extra)
    tail = (now,) * len(stamps) + (("", "system") if extra else ())
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [(first + offset, *row, *tail) for offset, row in enumerate(rows)],
    )
    return first


def _chain(
    conn: sqlite3.Connection, trail: list[tuple[str, int, tuple[str, ...], list[tuple[Any, ...]]]]
) -> int:
    """One entry per row written, {column: [null, value]} as JSON, each hash over the entry and the hash before."""
    last = conn.execute("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    last_id, last_hash = (int(last[0]), str(last[1])) if last else (0, "0" * 64)
    at = datetime.now(UTC).replace(tzinfo=None)
    stamp = at.isoformat(timespec="microseconds")
    stored_at = at.isoformat(sep=" ")
    entries: list[tuple[Any, ...]] = []
    dumps = json.dumps
    sha256 = hashlib.sha256
    for table, first, columns, rows in trail:
        for offset, row in enumerate(rows):
            last_id += 1
            record_id = str(first + offset)
            changes = dumps(
                {c: [None, v] for c, v in zip(columns, row, strict=True)}, ensure_ascii=False, sort_keys=True
            )
            canonical = [last_id, stamp, "bench", "create", table, record_id, "", changes, "", last_hash]
            digest = sha256(dumps(canonical, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
            entries.append(
                (last_id, stored_at, "bench", "create", table, record_id, "", changes, "", last_hash, digest)
            )
            last_hash = digest
    conn.executemany("INSERT INTO audit_entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries)
    head = f"{last_id}:{last_hash}"
    if not conn.execute("UPDATE setting SET value = ? WHERE key = 'audit.head'", (head,)).rowcount:
        conn.execute("INSERT INTO setting (key, value) VALUES ('audit.head', ?)", (head,))
    return len(entries)


def process_figures() -> dict[str, float]:
    """CPU seconds (user + system) and peak resident MiB of this whole process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return {"cpu": usage.ru_utime + usage.ru_stime, "peak_mib": peak}


def attendance_program(db_path: Path, xlsx: Path) -> dict[str, int]:
    """The program's own path: the attendance kind's read and import, as the window and CLI run them."""
    from sqlalchemy import func, select

    from benchmarks.generate import open_database
    from desktop_hr.db import read_only
    from desktop_hr.models import Attendance, AuditEntry, Enrolment, PointEntry
    from desktop_hr.services.exchange import kinds

    db = open_database(db_path)
    tables = {
        "attendance": Attendance,
        "enrolment": Enrolment,
        "point_entry": PointEntry,
        "audit_entry": AuditEntry,
    }

    def counts() -> dict[str, int]:
        with read_only(db) as session:
            return {
                name: int(session.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in tables.items()
            }

    before = counts()
    kind = kinds()["attendance"]
    report = kind.import_parsed(db.uow(), kind.parse(xlsx, None, None), False, None)
    after = counts()
    db.dispose()
    assert report.created, "the attendance import created nothing"
    return {name: after[name] - before[name] for name in tables}


# ---- certificates: a canvas, the same font, the same QR --------------------------------------------------


def qr_modules(payload: str) -> list[list[bool]]:
    """ReportLab's QR encoder, error correction M, one fixed mask (as the program draws it)."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, 2)
    modules: list[list[bool]] = code.modules
    return modules


def draw_qr(canvas: Any, modules: list[list[bool]], x: float, y: float, size: float) -> None:
    count = len(modules)
    cell = size / (count + 8)
    path = canvas.beginPath()
    for row, line in enumerate(modules):
        top = y + size - (4 + row + 1) * cell
        col = 0
        while col < count:
            if not line[col]:
                col += 1
                continue
            start = col
            while col < count and line[col]:
                col += 1
            path.rect(x + (4 + start) * cell, top, (col - start) * cell, cell)
    canvas.drawPath(path, stroke=0, fill=1)


def certificates_floor(target: Path, views: list[Any], settings: Any) -> int:
    """Each certificate's frame, title, wording (wrapped by character count), serial, code, hint, signatory
    and date drawn on a canvas in the embedded font, with its QR code; one page each."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from desktop_hr.printing.fonts import register

    font = register()
    width, height = landscape(A4)
    canvas = Canvas(str(target), pagesize=(width, height))
    red = colors.HexColor("#8B1A1A")
    for view in views:
        canvas.setStrokeColor(red)
        canvas.setLineWidth(2.6)
        canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
        canvas.setLineWidth(0.8)
        canvas.rect(17 * mm, 17 * mm, width - 34 * mm, height - 34 * mm)
        canvas.setFillColor(red)
        canvas.setFont(font, 38)
        canvas.drawCentredString(width / 2, height - 50 * mm, "结\u2002业\u2002证\u2002书")
        canvas.setFillColor(colors.black)
        values = {
            "name": view.name,
            "employee_no": view.employee_no,
            "course": view.course,
            "session": view.session_code,
            "date": f"{view.session_date:%Y年%m月%d日}" if view.session_date else "",
            "hours": str(view.hours),
            "credits": str(view.credits),
            "year": str(view.year or ""),
            "sessions": str(view.sessions),
        }
        text = "".join(line.strip() for line in settings.completion_wording.splitlines()).format(**values)
        canvas.setFont(font, 17)
        y = height - 75 * mm
        for start in range(0, len(text), 38):
            canvas.drawString(35 * mm, y, text[start : start + 38])
            y -= 36
        canvas.setFont(font, 10)
        canvas.drawString(60 * mm, 45 * mm, f"证书编号：{view.serial}")
        canvas.drawString(60 * mm, 39 * mm, f"校验码：{view.code}")
        canvas.setFont(font, 8)
        canvas.drawString(60 * mm, 33 * mm, "扫描二维码或在培训管理程序中输入编号与校验码核验真伪")
        canvas.setFont(font, 13)
        canvas.drawString(width - 110 * mm, 60 * mm, f"{settings.signatory_title}：{settings.signatory_name}")
        canvas.drawCentredString(width - 70 * mm, 48 * mm, settings.organisation)
        canvas.drawCentredString(width - 70 * mm, 38 * mm, f"{view.issued_on:%Y年%m月%d日}")
        draw_qr(canvas, qr_modules(view.qr_payload), 25 * mm, 28 * mm, 30 * mm)
        canvas.showPage()
    canvas.save()
    return len(views)


# ---- the same SQL --------------------------------------------------------------------------------------


@contextmanager
def statements_of(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """The SELECTs a block sends to the database, with their parameters, as the driver receives them."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def same_sql(db_path: Path, statements: list[tuple[str, Any]]) -> Callable[[], int]:
    """Run those statements through one open sqlite3 connection (as the program's pool keeps one), all rows."""
    conn = sqlite3.connect(db_path, check_same_thread=False)

    def run() -> int:
        return sum(len(conn.execute(sql, params).fetchall()) for sql, params in statements)

    return run


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
