"""`desktop-hr restore` refuses another office's backup, an old one without accounts and one whose trail
does not verify, unless `--force`; a missing --db is made only by init and demo; a damaged database is
told as the window tells it, naming the latest good backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from databases import sqlite_only
from signing import ADMIN_NAME, ADMIN_PASSWORD, cli_env, ensure_admin_account
from tampering import trail_at
from test_cli import run

from desktop_hr.migrations import runner
from desktop_hr.services.trust import backups
from desktop_hr.services.trust.audit import Action
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.office_identity import OFFICE_ID, short_id

pytestmark = sqlite_only("file backups and restores: PostgreSQL is backed up on the server")
ADMIN_ENV = cli_env()


def _backup(db: Path, folder: Path) -> Path:
    made = run("--db", db, "backup", folder)
    assert made.returncode == 0, made.stderr
    return max(folder.glob("*.backup.sqlite3"), key=lambda p: p.stat().st_mtime_ns)


def _restore(db: Path, backup: Path, *extra: str) -> tuple[int, str, str]:
    done = run("--db", db, "restore", backup, *extra, env=ADMIN_ENV)
    return done.returncode, done.stdout, done.stderr


def _refused_then_forced(db: Path, backup: Path, words: str) -> str:
    identity = backups.stored_setting(db, OFFICE_ID)
    code, _out, err = _restore(db, backup)
    assert code == 1 and words in err, err
    assert str(backup) in err and "--force" in err and "未作任何改动" in err
    assert trail_at(db)[-1].action != Action.RESTORE, "only the sign-in was recorded"
    assert backups.stored_setting(db, OFFICE_ID) == identity
    assert not list(db.parent.glob("*before-restore*"))
    code, out, err = _restore(db, backup, "--force")
    assert code == 0, err
    assert "管理员已确认（--force）" in err and words in err and "已从" in out
    last = trail_at(db)[-1]
    assert last.action == Action.RESTORE and last.account == ADMIN_NAME and words in last.reason
    return err


def test_another_offices_backup_is_refused_unless_forced(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "hr.sqlite3", tmp_path / "branch" / "hr.sqlite3"
    backup = _backup(theirs, tmp_path / "usb")
    ensure_admin_account(ours)
    other = backups.stored_setting(theirs, OFFICE_ID)
    told = _refused_then_forced(ours, backup, "另一个单位的备份")
    assert short_id(other) in told and short_id(backups.stored_setting(ours, OFFICE_ID)) in told


def test_an_old_backup_without_accounts_is_refused_unless_forced(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    ensure_admin_account(db)
    old_path = tmp_path / "old.sqlite3"
    old = open_database(old_path, migrate=False)
    try:
        runner.upgrade_to_head(old, "0005")  # before the accounts table
    finally:
        old.dispose()
    _refused_then_forced(db, old_path, "早于当前版本")


def test_a_backup_with_a_tampered_trail_is_refused_unless_forced(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    backup = _backup(db, tmp_path / "usb")
    connection = sqlite3.connect(backup)
    try:
        connection.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        connection.execute("DELETE FROM audit_entry WHERE id = 2")
        connection.commit()
    finally:
        connection.close()
    _refused_then_forced(db, backup, "审计记录未通过校验")


def test_two_databases_of_the_same_name_back_up_into_one_folder_without_deleting_each_other(
    tmp_path: Path,
) -> None:
    usb = tmp_path / "usb"
    first, second = tmp_path / "pc1" / "hr.sqlite3", tmp_path / "pc2" / "hr.sqlite3"
    for db in (first, second, first, second):
        assert run("--db", db, "backup", usb).returncode == 0
    # The default rotation keeps the newest of each day: one each, both still there.
    identities = {backups.stored_setting(db, OFFICE_ID) for db in (first, second)}
    names = sorted(p.name for p in usb.glob("*.backup.sqlite3"))
    assert len(names) == 2 and {n.split("_")[1] for n in names} == {short_id(i) for i in identities}


@pytest.mark.parametrize(
    "command",
    [
        ["account", "list"],
        ["backup"],
        ["audit", "verify"],
        ["export", "employees", "out.xlsx"],
        ["points", "recompute"],
    ],
)
def test_a_missing_database_is_said_and_never_created(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo" / "hr.sqlite3"
    done = run("--db", missing, *command, as_admin=False, env=ADMIN_ENV)
    assert done.returncode == 1
    assert f"数据库文件 {missing} 不存在" in done.stderr and "init" in done.stderr
    assert not missing.exists() and not missing.parent.exists(), "nothing created"


def test_a_missing_database_is_created_by_init_and_demo(tmp_path: Path) -> None:
    made = tmp_path / "new" / "hr.sqlite3"
    done = run("--db", made, "init", "--admin", ADMIN_NAME, env={"DESKTOP_HR_PASSWORD": ADMIN_PASSWORD})
    assert done.returncode == 0, done.stderr and made.is_file()
    demo = tmp_path / "demo.sqlite3"
    shown = run("--db", demo, "demo", "--employees", "10", as_admin=False)
    assert shown.returncode == 0, shown.stderr
    assert demo.is_file()


def test_a_damaged_database_is_told_as_the_window_tells_it(tmp_path: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    good = _backup(db, tmp_path / "backups")  # the default folder: beside the database
    checkpoint = sqlite3.connect(db)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    with db.open("r+b") as damaged:
        damaged.seek(100)
        damaged.write(b"\xff" * 200)
    expected = backups.damage(db)  # what the window shows (views/app.py raises the same)
    assert expected is not None and expected.good_backup == good
    done = run("--db", db, "account", "list", as_admin=False, env=ADMIN_ENV)
    assert done.returncode == 1
    assert expected.message() in done.stderr
    assert str(good) in done.stderr and "restore" in done.stderr
