"""Audit trail benchmark: verify a 200,000-entry chain, search it as the audit tab does, and the cost the trail
adds to importing 10,000 employees.

    python -m benchmarks.bench_audit [--entries 200000] [--repeat 10] [--rows 10000] [--runs 3]

The entries go through the program's own path (`audit.record` in a unit of work, chained by
`audit.append_pending` when it commits), 1,000 per transaction, spread over a year of working days:
5 accounts, every action, the usual tables, Chinese names in summaries and changes.
The import is timed three ways on fresh databases: as the program runs (permission checks and the trail),
with the trail switched off (`audit.record` a no-op; checks still on), and with the unit-of-work guard
removed altogether (the program before accounts and the trail).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from benchmarks.bench_employees_table import pad, timed_ms
from benchmarks.generate import open_database, write_roster
from desktop_hr.db import Database, read_only
from desktop_hr.excel.employees import parse_employees
from desktop_hr.services.archive.roster_import import import_employees
from desktop_hr.services.trust import audit, guard
from desktop_hr.services.trust.audit import Action, AuditQuery

VERIFY_TARGET_S = 10.0  # a button the auditor waits for
SEARCH_TARGET_MS = 100.0
BLOCK = 200  # the audit tab's first block (views/trust/audit_model.BLOCK)
ID_PAGE = 5000  # the paged alternative: ids read per query, counted only when the page is full
BATCH = 1000
ACCOUNTS = ["admin", "zhangli", "wangfang", "chenjing", "auditor"]
TABLES = ["employee", "enrolment", "attendance", "submission", "point_entry", "course", "training_session"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
START = datetime(2025, 11, 3, 1, 0)  # UTC: 09:00 in China


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _entry(rng: random.Random, number: int) -> dict[str, Any]:
    action = rng.choices(
        [Action.CREATE, Action.UPDATE, Action.DELETE, Action.SIGN_IN, Action.PRINT, Action.EXPORT],
        weights=[40, 40, 5, 8, 5, 2],
    )[0]
    table = rng.choice(TABLES) if action in (Action.CREATE, Action.UPDATE, Action.DELETE) else ""
    person = _name(rng)
    employee_no = f"{rng.randrange(1, 10_000):05d}"
    changes: dict[str, list[Any]] = {}
    if action == Action.UPDATE:
        changes = {"name": [person, _name(rng)], "phone": [None, f"139{rng.randrange(10**8):08d}"]}
    elif action in (Action.CREATE, Action.DELETE):
        values = {"employee_no": employee_no, "name": person, "status": "active"}
        changes = {k: [None, v] if action == Action.CREATE else [v, None] for k, v in values.items()}
    return {
        "action": action,
        "account": rng.choice(ACCOUNTS),
        "table_name": table,
        "record_id": number if table else "",
        "summary": f"{employee_no} {person}",
        "changes": changes,
        "reason": "年度核对" if rng.random() < 0.02 else "",
    }


def fill_trail(db: Database, entries: int, *, seed: int = 2026) -> float:
    """`entries` entries through record + append_pending, BATCH per transaction; returns the seconds taken."""
    rng = random.Random(seed)
    batches = (entries + BATCH - 1) // BATCH
    original = getattr(audit, "utcnow")  # noqa: B009
    started = time.perf_counter()
    try:
        for batch in range(batches):
            # A year of working days, a few batches a day, so date filters have something to choose.
            day, slot = divmod(batch, max(1, batches // 250))
            moment = START + timedelta(days=day * 365 // 250, minutes=slot * 7)
            setattr(audit, "utcnow", lambda moment=moment: moment)  # noqa: B010 (not exported)
            with db.uow() as uow:
                for number in range(batch * BATCH, min(entries, (batch + 1) * BATCH)):
                    entry = _entry(rng, number)
                    audit.record(uow.session, entry.pop("action"), **entry)
                uow.commit()
    finally:
        setattr(audit, "utcnow", original)  # noqa: B010
    return time.perf_counter() - started


def search_figures(db: Database, repeat: int) -> list[tuple[str, float, float, float, str]]:
    """(what, median ms, worst ms, median ms of the paged way, found) for the audit tab's searches.

    The tab's search runs on a reader thread (views/trust/audit_model.search): every matching id, newest
    first, into an array, then the entries of its first block; the time is how long until the list
    changes, not a block of the GUI thread. For comparison, a page of ID_PAGE ids and a count when the
    page is full.
    """
    with read_only(db) as session:
        newest = audit.rows(session, audit.entry_ids(session, AuditQuery(), limit=1))[0]
    week_start = newest.at - timedelta(days=7)
    since, until = audit.local_days(week_start.date(), newest.at.date())
    searches = [
        ("everything (the tab opening)", AuditQuery()),
        ("text '张伟' (summary, changes...)", AuditQuery(text="张伟")),
        ("text '00042' (an employee no.)", AuditQuery(text="00042")),
        ("text '年度核对' (a reason)", AuditQuery(text="年度核对")),
        ("account 'wangfang'", AuditQuery(account="wangfang")),
        ("action 修改 + object 员工", AuditQuery(action=Action.UPDATE, table_name="employee")),
        ("the last week (local dates)", AuditQuery(since=since, until=until)),
        (
            "text '张' + account + last week",
            AuditQuery(text="张", account="zhangli", since=since, until=until),
        ),
    ]
    figures = []
    for what, query in searches:

        def as_the_tab_does(query: AuditQuery = query) -> object:
            with read_only(db) as session:
                ids = audit.matching_ids(session, query)
                audit.rows(session, list(ids[:BLOCK]))
                audit.newest_id(session)
            return len(ids)

        def paged(query: AuditQuery = query) -> object:
            with read_only(db) as session:
                ids = audit.entry_ids(session, query, limit=ID_PAGE)
                total = len(ids) if len(ids) < ID_PAGE else audit.count(session, query)
            with read_only(db) as session:
                audit.rows(session, ids[:BLOCK])
            return total

        median, worst, found = timed_ms(as_the_tab_does, repeat)
        all_ids, _worst, found_again = timed_ms(paged, repeat)
        assert found == found_again, (what, found, found_again)
        figures.append((what, median, worst, all_ids, f"{found:,}"))
    return figures


@contextmanager
def trail_off() -> Iterator[None]:
    """Entries are not collected (permission checks still run)."""
    original = audit.record
    setattr(audit, "record", lambda *_args, **_kwargs: None)  # noqa: B010
    try:
        yield
    finally:
        setattr(audit, "record", original)  # noqa: B010


@contextmanager
def guard_removed(db: Database) -> Iterator[None]:
    """The unit of work as it was before issue 6: no checks, no trail (this database only)."""
    hooks: list[tuple[str, Callable[..., Any]]] = [
        ("before_flush", guard._before_flush),
        ("after_flush", guard._after_flush),
        ("do_orm_execute", guard._do_orm_execute),
        ("before_commit", guard._before_commit),
        ("after_rollback", guard._after_rollback),
    ]
    factories = (db._write_sessions, db._read_sessions)
    for factory in factories:
        for name, hook in hooks:
            event.remove(factory, name, hook)
    try:
        yield
    finally:
        for factory in factories:
            guard.install(factory)


def import_figures(roster: Path, workdir: Path, runs: int) -> dict[str, list[float]]:
    """Seconds of `import_employees` (parse excluded) into a fresh database, each way, `runs` times."""
    parsed = parse_employees(roster)
    if parsed.errors:
        raise SystemExit(f"the generated roster has errors, first: {parsed.errors[0]}")
    times: dict[str, list[float]] = {"with the trail": [], "trail off, checks on": [], "guard removed": []}
    for run in range(runs):
        for number, (way, samples) in enumerate(times.items()):
            db = open_database(workdir / f"import-{run}-{number}.sqlite3")
            try:
                with switched(way, db):
                    started = time.perf_counter()
                    report = import_employees(db.uow(), parsed)
                    samples.append(time.perf_counter() - started)
                assert report.created == len(parsed.records), report
                if way == "with the trail":
                    with read_only(db) as session:
                        created = audit.count(
                            session, AuditQuery(action=Action.CREATE, table_name="employee")
                        )
                    assert created == report.created, (created, report.created)
            finally:
                db.dispose()
    return times


@contextmanager
def switched(way: str, db: Database) -> Iterator[None]:
    if way == "trail off, checks on":
        with trail_off():
            yield
    elif way == "guard removed":
        with guard_removed(db):
            yield
    else:
        yield


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_audit", description=__doc__)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rows", type=int, default=10_000, help="employees imported for the overhead")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="desktop_hr-bench-") as tmp:
        workdir = Path(tmp)
        db = open_database(workdir / "audit.sqlite3")
        try:
            took = fill_trail(db, args.entries)
            size_mb = (workdir / "audit.sqlite3").stat().st_size / 1024 / 1024
            print(
                f"trail: {args.entries:,} entries written in {took:.1f} s "
                f"({args.entries / took:,.0f} a second, {BATCH} per transaction); file {size_mb:.0f} MB"
            )
            verify_samples: list[float] = []
            for _ in range(3):
                started = time.perf_counter()
                with read_only(db) as session:
                    result = audit.verify(session)
                verify_samples.append(time.perf_counter() - started)
                assert result.intact and result.count == args.entries, result
            verify = statistics.median(verify_samples)
            print(
                f"verify, {result.count:,} entries: median {verify:.2f} s (worst {max(verify_samples):.2f} s)"
                f"  (target <= {VERIFY_TARGET_S:.0f} s: {'met' if verify <= VERIFY_TARGET_S else 'MISSED'})"
            )
            print(
                f"\nsearch as the audit tab does on a reader thread (every matching id, the first {BLOCK} "
                f"rows), {args.repeat} runs; last column: a page of {ID_PAGE} ids and a count instead"
            )
            for what, median, worst, all_ids, found in search_figures(db, args.repeat):
                mark = "" if median <= SEARCH_TARGET_MS else "  <-- over the target"
                print(
                    f"  {pad(what, 42)} {median:7.1f} ms median (worst {worst:6.1f})  {found:>8} found"
                    f"  | paged: {all_ids:6.1f} ms{mark}"
                )

            def choices() -> object:
                with read_only(db) as session:
                    return len(audit.accounts_seen(session)) + len(audit.tables_seen(session))

            median, worst, _found = timed_ms(choices, args.repeat)
            print(
                f"  {pad('the filters: accounts and objects seen', 42)} {median:7.1f} ms median (worst {worst:6.1f})"
            )
        finally:
            db.dispose()

        started = time.perf_counter()
        roster = write_roster(workdir / "roster.xlsx", args.rows)
        print(f"\nroster: {args.rows:,} rows generated in {time.perf_counter() - started:.1f} s")
        times = import_figures(roster, workdir, args.runs)

    base = statistics.median(times["guard removed"])
    print(f"import of {args.rows:,} employees into a fresh database (parse excluded), median of {args.runs}:")
    for way, samples in times.items():
        median = statistics.median(samples)
        extra = f"  ({(median / base - 1) * 100:+.0f} %)" if way != "guard removed" else ""
        print(f"  {pad(way, 24)} {median:.2f} s{extra}   runs: {', '.join(f'{s:.2f}' for s in samples)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
