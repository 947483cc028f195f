"""One clerk's program in the PostgreSQL concurrency tests (test_pg_concurrency.py).

    python race_worker.py URL START ACTION ARG...

Opens the database, reads what the action needs first (as a dialog would), touches START.ready.<pid>, waits
for the file START, does the action once and prints one line: "ok ..." or "refused <Error>: <message>".
Anything else (a crash) ends with a traceback and a non-zero exit.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desktop_hr.db import Database, read_only
from desktop_hr.errors import DomainError
from desktop_hr.models import Role
from desktop_hr.services.archive import employees
from desktop_hr.services.points import awards, rewards
from desktop_hr.services.training import sign_in
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.permissions import Principal

AT = datetime(2026, 3, 10, 10)


def prepare(db: Database, action: str, args: list[str]) -> Callable[[], str]:
    """What to do at the start signal; reads done now happen before the other programs write."""
    if action == "redeem":
        employee, reward = map(int, args)
        return lambda: str(rewards.request_redemption(db.uow(), employee, reward, at=AT))
    if action == "recompute":
        return lambda: str(awards.recompute(db.uow()).added)
    if action == "sign-in":
        session_id, number = int(args[0]), args[1]
        return lambda: sign_in.record_sign_in(db.uow(), session_id, number, AT).kind.name
    if action == "edit":
        employee_id, typed = int(args[0]), {args[1]: args[2]}
        with read_only(db) as session:
            shown = employees.get_employee(session, employee_id)  # the dialog opens
        edited = employees.EmployeeData(**{**vars(shown), **typed})
        return lambda: str(employees.update_employee(db.uow(), employee_id, edited).version)
    raise SystemExit(f"unknown action {action}")


def main(url: str, start: str, action: str, *args: str) -> None:
    db = open_database(url, migrate=False)
    db.principal = Principal(name=f"clerk{os.getpid()}", role=Role.ADMIN)
    try:
        work = prepare(db, action, list(args))
        Path(f"{start}.ready.{os.getpid()}").touch()
        go = Path(start)
        deadline = time.monotonic() + 60
        while not go.exists():
            if time.monotonic() > deadline:
                raise SystemExit("never started")
            time.sleep(0.002)
        try:
            print("ok", work(), flush=True)
        except DomainError as refused:
            print(f"refused {type(refused).__name__}: {refused.message()}", flush=True)
    finally:
        db.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:])
