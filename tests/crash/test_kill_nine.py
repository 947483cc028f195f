"""kill -9 in the middle of a large roster import and of a full award recompute, many times over: the database
always opens, passes integrity_check, and holds all or none of the killed transaction."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from databases import sqlite_only
from signing import open_as_admin
from sqlalchemy import text

from benchmarks.generate import write_roster
from desktop_hr.services.demo.fill import fill_demo

REPO = Path(__file__).resolve().parents[2]
TEST_DB_URL = os.environ.get("DESKTOP_HR_TEST_DB_URL", "")

WORKER = Path(__file__).with_name("crash_worker.py")
ROSTER_ROWS = 3000
RUNS_PER_TRANSACTION = 10
EMPLOYEES = "SELECT count(*) FROM employee"
AUTOMATIC_AWARDS = "SELECT count(*) FROM point_entry WHERE award_key IS NOT NULL"

pytestmark = [
    pytest.mark.slow,
    sqlite_only("kills a process holding an SQLite file"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]


def count(path: Path, query: str) -> int:
    """Opened afresh, as the program does after a crash; the file must pass integrity_check first."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return int(conn.execute(query).fetchone()[0])
    finally:
        conn.close()


def start(args: list[str]) -> tuple[subprocess.Popen[str], float]:
    """The worker, once it is about to begin its transaction; and that moment."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True, env=env, cwd=REPO
    )
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "ready"
    return worker, time.monotonic()


def full_run(args: list[str]) -> float:
    """Run uninterrupted; seconds from the start of the transaction to its commit."""
    worker, ready = start(args)
    out, _ = worker.communicate(timeout=60)
    assert worker.returncode == 0 and out.strip() == "done"
    return time.monotonic() - ready


def kill_runs(
    template: Path, args: list[str], query: str, tmp: Path, *, rng: random.Random, stats: Counter[str]
) -> None:
    """Measure one whole run, then kill RUNS_PER_TRANSACTION runs at random moments of the transaction."""
    tmp.mkdir()
    before = count(template, query)
    whole = tmp / "whole.sqlite3"
    shutil.copy(template, whole)
    duration = full_run([args[0], str(whole), *args[1:]])
    after = count(whole, query)
    assert after != before, "the transaction must change something to be checked"
    for run in range(RUNS_PER_TRANSACTION):
        db = tmp / f"run{run}.sqlite3"
        shutil.copy(template, db)
        worker, _ = start([args[0], str(db), *args[1:]])
        time.sleep(rng.uniform(0, duration * 1.1))
        stats["runs"] += 1
        if worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
            stats["kills"] += 1
        worker.communicate(timeout=60)
        found = count(db, query)
        stats["checked"] += 1
        if found == before:
            stats["none"] += 1
        elif found == after:
            stats["all"] += 1
        else:
            stats["lost"] += 1
        open_as_admin(db).dispose()  # opens (and checks the schema) the way the program starts


def test_kill_nine_never_leaves_half_a_transaction(tmp_path: Path) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4)))
    stats: Counter[str] = Counter()

    empty = tmp_path / "empty.sqlite3"
    open_as_admin(empty).dispose()
    roster = write_roster(tmp_path / "roster.xlsx", ROSTER_ROWS)
    kill_runs(empty, ["import", str(roster)], EMPLOYEES, tmp_path / "import", rng=rng, stats=stats)

    demo = tmp_path / "demo.sqlite3"
    database = open_as_admin(demo)
    fill_demo(database.uow(), employees=300, today=date(2026, 3, 1))
    with database.engine.begin() as conn:  # the awards a recompute has to rebuild
        conn.execute(text("DELETE FROM point_entry WHERE award_key IS NOT NULL"))
    database.dispose()
    kill_runs(demo, ["recompute"], AUTOMATIC_AWARDS, tmp_path / "recompute", rng=rng, stats=stats)

    print(f"\ncrash test: {dict(stats)}")
    assert stats["runs"] == stats["checked"] == 2 * RUNS_PER_TRANSACTION
    assert stats["kills"] >= RUNS_PER_TRANSACTION  # most runs are killed mid-transaction
    assert stats["lost"] == 0
