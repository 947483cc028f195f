"""A restore killed at any of its steps leaves a database that opens: the old one, or the restored one."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from databases import sqlite_only
from signing import ADMIN, open_as_admin, settings_note

from desktop_hr.services.trust import accounts, backups, restoring

pytestmark = sqlite_only("file restores: PostgreSQL is restored on the server")
REPO = Path(__file__).resolve().parents[4]
NOW = datetime(2026, 3, 15, 9, 30, 0)

# Restores DB from BACKUP and ends the process abruptly (os._exit: no cleanup, no finally) at STEP;
# with "copy", the disk cannot make hard links, so the current file is set aside by copying.
KILLER = """
import os, sys
from datetime import datetime
from pathlib import Path
from desktop_hr.models import Role
from desktop_hr.services.trust import restoring
from desktop_hr.services.trust.permissions import Principal

db, backup, step, link = sys.argv[1:5]
if link == "copy":
    def no_links(*_args):
        raise OSError(1, "Operation not permitted")
    os.link = no_links
restoring.step_hook = lambda name: os._exit(9) if name == step else None
restoring.restore(Path(db), Path(backup), datetime(2026, 3, 15, 10), principal=Principal(name="hr", role=Role.ADMIN))
os._exit(0)
"""


@pytest.fixture
def prepared(tmp_path: Path) -> tuple[Path, Path]:
    db_path = tmp_path / "hr.sqlite3"
    db = open_as_admin(db_path)
    try:
        accounts.create_first_admin(db, "chief", "chief-password-1")
        with db.uow() as uow:
            backups.put_text(uow.session, "test.note", "backed up")
            uow.commit()
        backup = backups.back_up(db, NOW).path
    finally:
        db.dispose()
    settings_note(db_path, "current")
    return db_path, backup


@pytest.mark.parametrize(
    ("step", "link"),
    [*((step, "link") for step in restoring.STEPS), ("recorded", "copy"), ("set_aside", "copy")],
)
def test_a_kill_at_each_step_leaves_a_database_that_opens(
    prepared: tuple[Path, Path], step: str, link: str
) -> None:
    db_path, backup = prepared
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(db_path), str(backup), step, link],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    assert db_path.is_file(), f"killed at {step}: the database is never missing"
    found = settings_note(db_path)  # opens, migrates if needed, reads
    assert found == ("backed up" if step == "replaced" else "current"), step
    assert backups.quick_problem(db_path) is None

    # The next restore cleans what the killed one left, and restores.
    done = restoring.restore(db_path, backup, NOW.replace(hour=11), principal=ADMIN)
    assert settings_note(db_path) == "backed up"
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name.endswith((".restoring", ".partial"))]
    assert leftovers == [] and not list(db_path.parent.glob(".hr.sqlite3.*"))
    assert done.kept_aside is not None and done.kept_aside.is_file()


def test_a_failure_at_any_step_changes_nothing_and_leaves_nothing(prepared: tuple[Path, Path]) -> None:
    db_path, backup = prepared

    for step in restoring.STEPS[:-2]:  # up to the set-aside copy: the database itself is untouched

        def fail(name: str, at: str = step) -> None:
            if name == at:
                raise RuntimeError(f"stopped at {at}")

        restoring.step_hook = fail
        try:
            with pytest.raises(RuntimeError, match=step):
                restoring.restore(db_path, backup, NOW, principal=ADMIN)
        finally:
            restoring.step_hook = None
        assert settings_note(db_path) == "current", step
        assert not list(db_path.parent.glob(".hr.sqlite3.*")), step
