"""`desktop-hr backup [DIR]` and `desktop-hr restore FILE` on the command line."""

from __future__ import annotations

from pathlib import Path

from signing import open_as_admin
from test_cli import run

from desktop_hr.services import backups


def _note(path: Path, value: str | None = None) -> str:
    db = open_as_admin(path)
    try:
        if value is not None:
            with db.uow() as uow:
                backups.put_text(uow.session, "test.note", value)
                uow.commit()
        with db.read_session() as session:
            return backups.get_text(session, "test.note", "")
    finally:
        db.dispose()


def test_backup_then_restore_keeps_the_current_file_aside(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    _note(db, "backed up")
    made = run("--lang", "en", "--db", db, "backup", tmp_path / "usb")
    assert made.returncode == 0, made.stderr
    [backup] = list((tmp_path / "usb").glob("hr_*.backup.sqlite3"))
    assert f"Backup saved: {backup}" in made.stdout
    _note(db, "changed later")

    restored = run("--lang", "en", "--db", db, "restore", backup)
    assert restored.returncode == 0, restored.stderr
    [aside] = list(tmp_path.glob("hr.before-restore-*.sqlite3"))
    assert str(aside) in restored.stdout
    assert _note(db) == "backed up"
    assert _note(aside) == "changed later"


def test_restore_refuses_a_damaged_file_and_postgresql_backups_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    _note(db, "current")
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    refused = run("--lang", "en", "--db", db, "restore", broken)
    assert refused.returncode == 1
    assert "is damaged" in refused.stderr and "was not changed" in refused.stderr
    assert _note(db) == "current"
    server = run("--lang", "en", "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/hr", "restore", broken)
    assert server.returncode == 1 and "pg_dump" in server.stderr and "secret" not in server.stderr
