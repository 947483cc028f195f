"""Backups: checked copies, the 7/4/12 rotation, restore keeping the current file aside, quick_check."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from databases import sqlite_only
from signing import ADMIN, open_as_admin
from sqlalchemy import text
from tampering import trail_at

from desktop_hr.db import Database, sqlite_backup
from desktop_hr.errors import InvalidField
from desktop_hr.models import Role
from desktop_hr.services.trust import accounts, audit, backups, restoring
from desktop_hr.services.trust.backups import BackupFile, BackupPolicy
from desktop_hr.services.trust.database import open_database
from desktop_hr.services.trust.office_identity import short_id
from desktop_hr.services.trust.permissions import PermissionDenied, Principal

pytestmark = sqlite_only("file backups with the SQLite backup API; PostgreSQL is refused")
CLERK = Principal(name="clerk1", role=Role.CLERK)

NOW = datetime(2026, 3, 15, 9, 30, 0)


def _note(db: Database, value: str) -> None:
    with db.uow() as uow:
        backups.put_text(uow.session, "test.note", value)
        uow.commit()


def _read_note(path: Path) -> str:
    db = open_as_admin(path)
    try:
        with db.read_session() as session:
            return backups.get_text(session, "test.note", "")
    finally:
        db.dispose()


def _corrupt(path: Path) -> None:
    """Overwrite a page in the middle of the file with garbage."""
    size = path.stat().st_size
    page = 4096
    with open(path, "r+b") as handle:
        handle.seek((size // page // 2) * page)
        handle.write(b"\xff" * page)


def test_backup_is_a_checked_copy_with_a_timestamp_in_its_name(db: Database) -> None:
    _note(db, "before")
    made = backups.back_up(db, NOW)
    office = short_id(backups.identity(db))
    assert made.path.name == f"hr_{office}_20260315-093000.backup.sqlite3"
    assert made.path.parent == db.sqlite_path.parent / "backups"  # type: ignore[union-attr]
    assert made.size == made.path.stat().st_size > 0
    assert _read_note(made.path) == "before"
    again = backups.back_up(db, NOW)  # the same second: a second file, not an overwrite
    assert again.path.name == f"hr_{office}_20260315-093000-2.backup.sqlite3"
    assert sorted(p.name for p in again.path.parent.iterdir()) == [again.path.name], (
        "a single self-contained file; the earlier one of the same day is rotated away"
    )


def test_integrity_check_deletes_and_refuses_a_corrupted_copy(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(300):  # enough pages that the middle of the file is a table page
        _note(db, f"value {number} " * 40)
        with db.uow() as uow:
            backups.put_text(uow.session, f"test.filler.{number}", "x" * 500)
            uow.commit()

    def corrupting_copy(source: Path, target: Path, **kwargs: Any) -> Path:
        sqlite_backup(source, target)
        _corrupt(target)
        return target

    monkeypatch.setattr(backups, "copy_database", corrupting_copy)
    with pytest.raises(backups.BackupDamaged, match="完整性检查"):
        backups.back_up(db, NOW)
    assert backups.list_backups(backups.policy(db).folder, backups.identity(db)) == []
    assert not any((tmp_path / "backups").glob("*")), "no partial or damaged file is left behind"


def _filled(db: Database, notes: int = 300) -> None:
    """Enough pages for a copy in several steps."""
    with db.uow() as uow:
        for number in range(notes):
            backups.put_text(uow.session, f"test.filler.{number}", f"value {number} " * 60)
        uow.commit()


def test_a_backup_reports_its_progress_then_its_check(db: Database) -> None:
    _filled(db)
    seen: list[tuple[int, int]] = []
    made = backups.back_up(db, NOW, progress=lambda done, total: seen.append((done, total)))
    copied = [pair for pair in seen if pair != (0, 0)]
    assert len(copied) >= 3, "the copy goes in steps"
    assert [done for done, _ in copied] == sorted(done for done, _ in copied)
    assert copied[-1][0] == copied[-1][1], "every page copied"
    assert seen[-1] == (0, 0), "then the check of the copy, which has no measure of its own"
    assert integrity_ok(made.path)


def test_a_cancelled_backup_leaves_nothing_and_records_nothing(db: Database, tmp_path: Path) -> None:
    _filled(db)
    before = len(trail_at(db.sqlite_path))  # type: ignore[arg-type]
    calls = {"n": 0}

    def cancelled_at_the_third_step() -> bool:
        calls["n"] += 1
        return calls["n"] >= 3

    with pytest.raises(backups.BackupCancelled):
        backups.back_up(db, NOW, cancelled=cancelled_at_the_third_step)
    assert not any((tmp_path / "backups").glob("*")), "no partial file is left behind"
    assert len(trail_at(db.sqlite_path)) == before  # type: ignore[arg-type]

    checking = {"copied": False}

    def cancelled_while_checking() -> bool:
        return checking["copied"]

    def progress(done: int, total: int) -> None:
        checking["copied"] = (done, total) == (0, 0)

    with pytest.raises(backups.BackupCancelled):
        backups.back_up(db, NOW, progress=progress, cancelled=cancelled_while_checking)
    assert not any((tmp_path / "backups").glob("*"))


def test_writes_from_another_connection_during_the_copy_still_give_a_whole_backup(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    _filled(db)
    caplog.set_level("INFO", logger=backups.__name__)
    other = open_database(db.url, migrate=False)
    other.principal = ADMIN
    writes = {"n": 0}

    def write_meanwhile(done: int, total: int) -> None:
        if (done, total) != (0, 0) and writes["n"] < 20:  # every step restarts the copy, until it goes whole
            writes["n"] += 1
            with other.uow() as uow:
                backups.put_text(uow.session, "test.note", f"written during the copy {writes['n']}")
                uow.commit()

    try:
        made = backups.back_up(db, NOW, progress=write_meanwhile)
    finally:
        other.dispose()
    assert "copying it in one step" in caplog.text, "the writes restarted the stepwise copy"
    assert integrity_ok(made.path)
    assert _read_note(made.path).startswith("written during the copy"), "a consistent snapshot"


def _fake(day: datetime) -> BackupFile:
    return BackupFile(Path(f"b-{day:%Y%m%d-%H%M}"), day, 1)


def test_rotation_keeps_seven_daily_four_weekly_twelve_monthly() -> None:
    # One backup at start and one on exit every day for 400 days ending Sunday 2026-03-15.
    last = datetime(2026, 3, 15, 18, 0)
    taken = [last - timedelta(days=d, hours=h) for d in range(400) for h in (0, 9)]
    keep = backups.kept([_fake(t) for t in taken], 7, 4, 12)
    days = sorted({_day(p) for p in keep}, reverse=True)
    # By hand: the newest of each of the last 7 days (3-09 … 3-15, the evening backups);
    # weeks (newest = Sunday): 3-15, 3-08, 3-01, 2-22 → 3-08, 3-01, 2-22 added;
    # months: 2026-03 (3-15), 02 (2-28), 01 (1-31), 2025-12 … 2025-04 (last days of each month).
    expected = {f"202603{d:02d}" for d in range(9, 16)}
    expected |= {"20260308", "20260301", "20260222", "20260228", "20260131"}
    expected |= {"20251231", "20251130", "20251031", "20250930", "20250831", "20250731", "20250630"}
    expected |= {"20250531", "20250430"}
    assert set(days) == expected
    assert len(keep) == len(expected)  # one backup per kept day: the evening one
    assert all(p.name.endswith("1800") for p in keep)


def _day(path: Path) -> str:
    return path.name[2:10]


def test_rotation_deletes_files_in_the_folder_and_always_keeps_the_newest(db: Database) -> None:
    folder = backups.policy(db).folder
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(20):
        backups.back_up(db, start + timedelta(days=day))
    names = [b.taken_at.date().isoformat() for b in backups.list_backups(folder, backups.identity(db))]
    # 7 daily (01-14 … 01-20) + newest of ISO weeks 2 (01-11) and 1 (01-04) + month is 01-20 already;
    # week 3 ends 01-18 (kept as daily), week 4 is 01-19..20.
    assert names == [f"2026-01-{d:02d}" for d in range(20, 13, -1)] + ["2026-01-11", "2026-01-04"]
    assert backups.kept([], 0, 0, 0) == set()
    only = backups.list_backups(folder, backups.identity(db))[:1]
    assert backups.kept(only, 0, 0, 0) == {only[0].path}


def test_policy_is_stored_in_the_database_and_counts_are_checked(db: Database, tmp_path: Path) -> None:
    chosen = BackupPolicy(tmp_path / "usb", daily=3, weekly=2, monthly=6)
    backups.save_policy(db.uow(), chosen)
    assert backups.policy(db) == chosen
    with pytest.raises(InvalidField, match="保留的备份份数"):
        backups.save_policy(db.uow(), BackupPolicy(tmp_path, daily=-1))
    assert backups.back_up(db, NOW).path.parent == tmp_path / "usb"


def test_automatic_backup_once_a_day_at_start_and_always_on_exit(db: Database) -> None:
    assert backups.automatic_backup(db, NOW) is not None
    assert backups.automatic_backup(db, NOW + timedelta(hours=2)) is None
    assert backups.automatic_backup(db, NOW + timedelta(hours=3), on_exit=True) is not None
    assert backups.automatic_backup(db, NOW + timedelta(days=1)) is not None
    kept = backups.list_backups(backups.policy(db).folder, backups.identity(db))
    assert [b.taken_at for b in kept] == [NOW + timedelta(days=1), NOW + timedelta(hours=3)]


def test_an_administrator_restores_keeping_the_current_file_aside_and_the_trail_says_who(
    db: Database,
) -> None:
    path = db.sqlite_path
    assert path is not None
    _note(db, "backed up")
    made = backups.back_up(db, NOW)
    _note(db, "changed later")
    db.dispose()
    for refused in (CLERK, Principal(name="auditor1", role=Role.AUDITOR)):
        with pytest.raises(PermissionDenied, match=refused.name):
            restoring.restore(path, made.path, NOW, principal=refused)
    assert _read_note(path) == "changed later"

    done = restoring.restore(path, made.path, NOW + timedelta(hours=1), principal=ADMIN)
    assert done.kept_aside == path.with_name("hr.before-restore-20260315-103000.sqlite3")
    assert _read_note(path) == "backed up"
    assert _read_note(done.kept_aside) == "changed later"
    assert made.path.exists(), "the backup itself stays"
    last = trail_at(path)[-1]
    assert (last.action, last.account, last.summary) == (audit.Action.RESTORE, "hr", str(made.path))
    assert _intact(path), "the restored trail goes on from the backup's last entry"
    assert not any(e.action == audit.Action.RESTORE for e in trail_at(made.path)), (
        "the backup stays as it was"
    )
    assert not list(path.parent.glob(".hr*")), "no working copy is left behind"


def test_a_damaged_backup_is_refused_and_nothing_changes(db: Database, tmp_path: Path) -> None:
    path = db.sqlite_path
    assert path is not None
    _note(db, "current")
    broken = tmp_path / "broken.backup.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 500)
    db.dispose()
    with pytest.raises(restoring.DamagedBackupFile, match="不能用它恢复"):
        restoring.restore(path, broken, NOW, principal=ADMIN)
    with pytest.raises(restoring.BackupMissing):
        restoring.restore(path, tmp_path / "nowhere.sqlite3", NOW, principal=ADMIN)
    assert _read_note(path) == "current"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("hr")) == sorted(
        p.name for p in tmp_path.iterdir() if p.name.startswith("hr.sqlite3")
    ), "no file was set aside"


def test_quick_check_points_to_the_latest_good_backup(db: Database) -> None:
    path = db.sqlite_path
    assert path is not None
    backups.quick_check(db)  # a sound database passes
    good = backups.back_up(db, NOW - timedelta(days=1))
    damaged = backups.back_up(db, NOW)
    _corrupt_header_pages(damaged.path)
    with db.engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    db.dispose()
    _corrupt_header_pages(path)
    with pytest.raises(backups.DatabaseDamaged) as raised:
        backups.quick_check(db)
    assert str(good.path) in raised.value.message()


def _corrupt_header_pages(path: Path) -> None:
    """Garbage over the schema page's b-tree header (page 1 after the 100-byte file header)."""
    with open(path, "r+b") as handle:
        handle.seek(100)
        handle.write(b"\xff" * 200)


def test_postgresql_databases_are_refused_with_a_clear_message() -> None:
    server = open_database("postgresql+psycopg://user:secret@localhost/hr", migrate=False)
    server.principal = ADMIN
    try:
        with pytest.raises(backups.BackupsNeedSqlite, match="pg_dump") as raised:
            backups.back_up(server, NOW)
        assert "secret" not in raised.value.message()
        assert backups.automatic_backup(server, NOW) is None
        backups.quick_check(server)
    finally:
        server.dispose()


def _intact(path: Path) -> bool:
    db = open_as_admin(path)
    try:
        with db.read_session() as session:
            return audit.verify(session).intact
    finally:
        db.dispose()


def test_backups_are_in_the_audit_trail_and_only_administrators_take_them_by_hand(db: Database) -> None:
    path = db.sqlite_path
    assert path is not None
    made = backups.back_up(db, NOW)
    db.principal = CLERK
    with pytest.raises(PermissionDenied, match="clerk1"):
        backups.back_up(db, NOW + timedelta(hours=1))
    with pytest.raises(PermissionDenied, match="备份或恢复数据库"):
        backups.save_policy(db.uow(), BackupPolicy(path.parent / "elsewhere"))
    automatic = backups.automatic_backup(db, NOW + timedelta(hours=2), on_exit=True)
    assert automatic is not None, "the backup on exit runs whoever is signed in"
    entries = [e for e in trail_at(path) if e.action == audit.Action.BACKUP]
    assert [(e.account, e.summary, e.reason) for e in entries] == [
        ("hr", str(made.path), ""),
        ("clerk1", str(automatic.path), "自动备份"),
    ]
    assert backups.policy(db).folder == path.parent / "backups", "the clerk's folder was not saved"


def test_who_may_restore_can_be_checked_against_the_backup_itself(db: Database) -> None:
    accounts.create_first_admin(db, "chief", "chief-password-1")
    accounts.create_account(db.uow(), accounts.AccountData("clerk2", Role.CLERK), "clerk-password-1")
    made = backups.back_up(db, NOW)
    size = made.path.stat().st_size
    found = restoring.restorer_in_backup(made.path, "chief", "chief-password-1")
    assert (found.name, found.role) == ("chief", Role.ADMIN)
    assert restoring.restorer_in_backup(made.path, "clerk2", "clerk-password-1").role is Role.CLERK
    with pytest.raises(accounts.SignInFailed):
        restoring.restorer_in_backup(made.path, "chief", "wrong-password")
    with pytest.raises(accounts.SignInFailed):
        restoring.restorer_in_backup(made.path, "nobody", "chief-password-1")
    assert made.path.stat().st_size == size and integrity_ok(made.path), "read only: nothing written"


def integrity_ok(path: Path) -> bool:
    return backups.integrity_problem(path) is None


def test_a_backup_folder_that_cannot_be_written_is_refused_and_nothing_is_saved(
    db: Database, tmp_path: Path
) -> None:
    before = backups.policy(db)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    for folder, reason in (
        (a_file, "这是一个文件，不是文件夹"),
        (a_file / "backups", "不能在此文件夹中写入文件"),
        (Path("backups"), "应为完整的文件夹路径"),
        (Path(""), "必填"),
    ):
        with pytest.raises(InvalidField, match="备份文件夹") as refused:
            backups.save_policy(db.uow(), BackupPolicy(folder))
        assert reason in refused.value.message() and str(folder) in refused.value.message()
        assert backups.policy(db) == before, f"nothing saved for {folder}"
    usb = tmp_path / "usb" / "hr"
    backups.save_policy(db.uow(), BackupPolicy(usb))
    assert backups.policy(db).folder == usb and usb.is_dir(), "a new folder is made when chosen"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes everywhere")
def test_a_read_only_backup_folder_is_refused(db: Database, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(InvalidField, match="不能在此文件夹中写入文件"):
            backups.save_policy(db.uow(), BackupPolicy(locked))
    finally:
        locked.chmod(0o700)
