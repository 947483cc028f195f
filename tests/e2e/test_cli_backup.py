"""`desktop-hr backup [DIR]` and `desktop-hr restore FILE` on the command line: administrators only, both in
the audit trail, and a restore over a damaged file checks the password against the backup itself."""

from __future__ import annotations

from pathlib import Path

from databases import sqlite_only
from signing import ADMIN_NAME, ADMIN_PASSWORD, cli_env, ensure_admin_account, open_as_admin, settings_note
from tampering import trail_at
from test_cli import run

from desktop_hr.models import Role
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.audit import Action

pytestmark = sqlite_only("file backups and restores: PostgreSQL is backed up on the server")
ADMIN_ENV = cli_env()
CLERK_PASSWORD = "clerk-pass-2026"


def _backup(db: Path, folder: Path) -> Path:
    made = run("--lang", "en", "--db", db, "backup", folder)
    assert made.returncode == 0, made.stderr
    [backup] = list(folder.glob("hr_*.backup.sqlite3"))
    assert f"Backup saved: {backup}" in made.stdout
    return backup


def test_backup_then_restore_keeps_the_current_file_aside_and_both_are_in_thetrail_at(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    settings_note(db, "backed up")
    backup = _backup(db, tmp_path / "usb")
    settings_note(db, "changed later")

    restored = run("--lang", "en", "--db", db, "restore", backup, env=ADMIN_ENV)
    assert restored.returncode == 0, restored.stderr
    [aside] = list(tmp_path.glob("hr.before-restore-*.sqlite3"))
    assert str(aside) in restored.stdout
    assert settings_note(db) == "backed up"
    assert settings_note(aside) == "changed later"
    backed_up = [e for e in trail_at(aside) if e.action == Action.BACKUP]
    assert [(e.account, e.summary) for e in backed_up] == [(ADMIN_NAME, str(backup))]
    last = trail_at(db)[-1]
    assert (last.action, last.account, last.summary) == (Action.RESTORE, ADMIN_NAME, str(backup))
    verified = run("--lang", "en", "--db", db, "audit", "verify")
    assert verified.returncode == 0 and "intact" in verified.stdout


def test_only_an_administrator_backs_up_or_restores(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    backup = _backup(db, tmp_path / "usb")
    admin = open_as_admin(db)
    try:
        accounts.create_account(admin.uow(), accounts.AccountData("clerk1", Role.CLERK), CLERK_PASSWORD)
    finally:
        admin.dispose()
    clerk = cli_env("clerk1", CLERK_PASSWORD)
    for command in (["backup", tmp_path / "clerk"], ["restore", backup]):
        refused = run("--db", db, *command, as_admin=False, env=clerk)
        assert refused.returncode == 1, command
        assert "账号“clerk1”（人事专员）无权备份或恢复数据库" in refused.stderr
    assert not (tmp_path / "clerk").exists() and not list(tmp_path.glob("hr.before-restore-*"))
    nobody = run("--db", db, "restore", backup, env={"DESKTOP_HR_USER": ""})
    assert nobody.returncode == 1 and "--user" in nobody.stderr
    wrong = run("--db", db, "restore", backup, env=cli_env(ADMIN_NAME, "not-the-password"))
    assert wrong.returncode == 1 and "用户名或密码错误" in wrong.stderr
    assert not list(tmp_path.glob("hr.before-restore-*")), "nothing was restored"


def test_a_damaged_database_is_restored_by_an_administrator_of_the_backup(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    settings_note(db, "backed up")
    backup = _backup(db, tmp_path / "usb")
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)  # the disk ate it
    for wal in tmp_path.glob("hr.sqlite3-*"):
        wal.unlink()
    wrong = run("--db", db, "restore", backup, env=cli_env(ADMIN_NAME, "not-the-password"))
    assert wrong.returncode == 1 and "用户名或密码错误" in wrong.stderr
    restored = run("--db", db, "restore", backup, env=ADMIN_ENV)
    assert restored.returncode == 0, restored.stderr
    assert settings_note(db) == "backed up"
    assert trail_at(db)[-1].action == Action.RESTORE


def test_restore_refuses_a_damaged_file_and_postgresql_backups_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    settings_note(db, "current")
    ensure_admin_account(db)
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    refused = run("--lang", "en", "--db", db, "restore", broken, env=ADMIN_ENV)
    assert refused.returncode == 1
    assert "is damaged" in refused.stderr and "was not changed" in refused.stderr
    assert settings_note(db) == "current"
    server = run("--lang", "en", "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/hr", "restore", broken)
    assert server.returncode == 1 and "pg_dump" in server.stderr and "secret" not in server.stderr
    assert ADMIN_PASSWORD not in refused.stderr
