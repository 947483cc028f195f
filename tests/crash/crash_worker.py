"""Run in a subprocess by test_kill_nine.py, which kills it with SIGKILL at a random moment.

python crash_worker.py import DB ROSTER.xlsx   parse the roster, then import it in one transaction
python crash_worker.py recompute DB            rebuild every automatic award in one transaction

Prints "ready" when the transaction is about to start (so the killer can aim at it) and "done" after commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_hr.excel.employees import parse_employees
from desktop_hr.models import Role
from desktop_hr.services.archive.roster_import import import_employees
from desktop_hr.services.points import awards
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.permissions import Principal


def main(argv: list[str]) -> int:
    action, db_path = argv[0], Path(argv[1])
    db = open_database(db_path, migrate=False)
    db.principal = Principal(name="crash-test", role=Role.ADMIN)
    if action == "import":
        parsed = parse_employees(Path(argv[2]))
        print("ready", flush=True)
        import_employees(db.uow(), parsed)
    elif action == "recompute":
        print("ready", flush=True)
        awards.recompute(db.uow())
    else:
        raise SystemExit(f"unknown action {action!r}")
    print("done", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
