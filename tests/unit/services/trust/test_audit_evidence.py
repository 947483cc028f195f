"""The audit trail as evidence, tried as a hostile tester would: no secret in entries or exports, the last
entries deleted with sqlite3, a chain recomputed from the file, a role changed in the file, a missing key."""

from __future__ import annotations

import base64
import secrets
from pathlib import Path

import openpyxl
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from tampering import tamper, trail

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.excel.audit import export_audit
from desktop_hr.models import Account, AuditCheckpoint, AuditEntry, Role
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.office_settings import put_text
from desktop_hr.services.trust import accounts, audit, audit_tables, checkpoints, keys, redaction, signing
from desktop_hr.services.trust.audit import AuditQuery

PASSWORD = "admin-pass-2026"


def admin(db: Database) -> None:
    """A real office: its first administrator (which makes the office key), signed in."""
    accounts.create_first_admin(db, "admin", PASSWORD)


def make(db: Database, no: str) -> int:
    return emp.create_employee(db.uow(), emp.EmployeeData(employee_no=no, name=f"员工{no}"))


def check(db: Database) -> audit_tables.TrailCheck:
    with db.read_session() as session:
        return audit_tables.check(session)


def recompute_from(db: Database, first: int) -> None:
    """What someone with only the file can do: re-hash every entry from `first` on and fix the head."""
    with db.read_session() as session:
        rows = [dict(r._mapping) for r in session.execute(select(*AuditEntry.__table__.columns))]
    rows.sort(key=lambda row: row["id"])
    previous = rows[first - 2]["hash"] if first > 1 else audit.GENESIS
    for row in rows[first - 1 :]:
        row["prev_hash"] = previous
        row["hash"] = previous = audit.entry_hash(row)
        tamper(
            db,
            "UPDATE audit_entry SET prev_hash = :p, hash = :h WHERE id = :id",
            p=row["prev_hash"],
            h=row["hash"],
            id=row["id"],
        )
    tamper(db, "UPDATE setting SET value = :v WHERE key = 'audit.head'", v=f"{rows[-1]['id']}:{previous}")


# ---------------------------------------------------------------- secrets


def test_the_audit_export_contains_no_secret_even_from_an_entry_of_an_older_version(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin(db)
    old_key = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
    # The way certificates were issued before: the HMAC key created as a setting, its entry in the clear.
    with monkeypatch.context() as before:
        before.setattr(redaction, "redact_changes", lambda _table, _record, changes: changes)
        with db.uow() as uow:
            put_text(uow.session, "certificates.hmac_key", old_key)
            uow.commit()
    with db.read_session() as session:
        stored = session.scalars(select(AuditEntry.changes)).all()
    assert any(old_key in text for text in stored), "reproduces an older database's entry"
    # Now: a secret setting written again, and a password changed, keep only a digest.
    new_key = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
    with db.uow() as uow:
        put_text(uow.session, "certificates.hmac_key", new_key)
        uow.commit()
    accounts.change_own_password(db, PASSWORD, "another-pass-2026")
    with db.read_session() as session:
        hashes = session.scalars(select(AuditEntry.changes).where(AuditEntry.id > 0)).all()
        password_hash = session.scalar(select(Account.password_hash))
    assert not any(new_key in text for text in hashes)
    assert password_hash is not None
    assert not any(password_hash in text for text in hashes)

    out = tmp_path / "审计.xlsx"
    export_audit(db, out, AuditQuery())
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    cells = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    assert old_key not in cells and new_key not in cells and password_hash not in cells
    assert "设置项" in cells or "***" in cells  # the entries are there, their secrets hidden
    shown = " ".join(line for row in trail(db) for line in row.change_lines())
    assert old_key not in shown and redaction.marker(old_key) in shown
    assert check(db).ok, check(db).message()


# ---------------------------------------------------------------- truncation


def test_the_last_entries_deleted_are_named_even_after_a_failed_sign_in_wrote_to_the_trail(
    db: Database,
) -> None:
    admin(db)
    for number in range(1, 8):
        make(db, f"{number:05d}")
    last = trail(db)[-1].id
    tamper(db, "DELETE FROM audit_entry WHERE id > :id", id=last - 4)
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(db, "admin", "wrong-password")  # its own entry, written after the deletion
    accounts.sign_in(db, "admin", PASSWORD)
    result = check(db)
    assert not result.ok and result.chain.problem == "gap"
    assert result.chain.broken_id == last + 1
    assert f"之前缺少记录 #{last - 3}–#{last}（被删除）" in result.message()


# ---------------------------------------------------------------- signed checkpoints


def test_every_commit_signs_the_head_and_a_normal_day_verifies(db: Database, sample_roster: Path) -> None:
    admin(db)
    make(db, "00001")
    with db.read_session() as session:
        signed = session.scalars(select(AuditCheckpoint.entry_id)).all()
    entries = trail(db)
    assert signed[-1] == entries[-1].id and len(signed) == 2  # the first administrator, the employee
    result = check(db)
    assert result.ok and result.chain.signed_through == entries[-1].id
    assert result.message().splitlines() == [
        f"审计记录完整：共 {len(entries)} 条，末条 #{entries[-1].id}，校验值 {result.chain.head_hash[:16]}",
        "账号、设置和积分规则与审计记录一致。",
    ]


def test_a_chain_recomputed_from_the_file_fails_naming_the_entry(db: Database) -> None:
    admin(db)
    for number in range(1, 6):
        make(db, f"{number:05d}")
    victim = next(row for row in trail(db) if "00003" in row.summary)
    tamper(db, "UPDATE audit_entry SET summary = '00003 某某' WHERE id = :id", id=victim.id)
    recompute_from(db, victim.id)
    with db.read_session() as session:
        assert audit.verify(session).problem == "checkpoint_hash"  # the hashes agree; the signature does not
        result = audit.verify(session)
    assert result.broken_id == victim.id
    assert f"第 #{victim.id} 条与签名检查点记下的校验值不符" in result.message()

    # Removing the checkpoints as well leaves entries no signature covers: named too.
    tamper(db, "DELETE FROM audit_checkpoint WHERE entry_id >= :id", id=victim.id)
    with db.read_session() as session:
        unsigned = audit.verify(session)
    assert (unsigned.intact, unsigned.problem) == (False, "unsigned")
    assert unsigned.broken_id is not None and unsigned.broken_id <= victim.id
    assert "没有本单位密钥的签名" in unsigned.message()


def test_a_checkpoint_signed_with_a_key_made_from_the_file_is_not_the_offices(db: Database) -> None:
    admin(db)
    make(db, "00001")
    with db.read_session() as session:
        office_key = keys.current_key_id(session)
    # The forger makes a key of its own, puts its public half into the database and re-signs the head.
    forged = keys.OfficeKey("", Ed25519PrivateKey.generate())
    forged = keys.OfficeKey(signing.key_id(forged.public), forged.private)
    with db.read_session() as session:
        head = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc())).first()
        point = session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc())).first()
    assert head is not None and point is not None
    signature = forged.sign(checkpoints.payload(head[0], head[1], point.signed_at))
    tamper(
        db,
        "UPDATE audit_checkpoint SET key_id = :k, signature = :s WHERE id = :id",
        k=forged.key_id,
        s=signature,
        id=point.id,
    )
    pem = signing.public_pem(forged.public)
    tamper(
        db, "INSERT INTO setting (key, value) VALUES (:k, :v)", k=keys.PUBLIC_PREFIX + forged.key_id, v=pem
    )
    with db.read_session() as session:
        with_file = audit.verify(session)  # the office's key file on this computer vouches for its key
        only_database = audit.verify(session, keys={office_key: keys.public_keys(session)[office_key]})
    assert (with_file.intact, with_file.problem, with_file.broken_id) == (False, "key", head[0])
    assert (only_database.intact, only_database.problem) == (False, "key")
    assert "不属于本单位的密钥" in with_file.message()


def test_without_the_key_file_work_goes_on_unsigned_and_verify_names_what_is_not_signed(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    admin(db)
    make(db, "00001")
    with db.read_session() as session:
        path = keys.key_file(keys.key_folder(session), keys.current_key_id(session))
    hidden = path.read_bytes()
    path.unlink()  # the USB stick is not plugged in
    make(db, "00002")
    make(db, "00003")
    assert [row.summary for row in trail(db, AuditQuery(table_name="employee"))][-1] == "00003 员工00003"
    assert "without a signed checkpoint" in caplog.text
    first_unsigned = trail(db, AuditQuery(table_name="employee"))[1].id
    result = check(db)
    assert (result.chain.problem, result.chain.broken_id) == ("unsigned", first_unsigned)
    assert f"第 #{first_unsigned} 条起（至 #{trail(db)[-1].id}）没有本单位密钥的签名" in result.message()
    path.write_bytes(hidden)  # plugged in again: the next commit signs everything before it
    make(db, "00004")
    assert check(db).ok


# ---------------------------------------------------------------- the tables against the trail


def test_a_role_changed_in_the_file_is_named_and_migration_rows_are_not(db: Database) -> None:
    admin(db)
    clerk = accounts.create_account(db.uow(), accounts.AccountData("clerk1", Role.CLERK), "clerk-pass-2026")
    assert check(db).ok  # office.id, the preset point rules, audit.head: written without entries
    tamper(db, "UPDATE account SET role = 'admin' WHERE id = :id", id=clerk)
    tamper(db, "UPDATE point_rule SET points = 500 WHERE code = 'LATE'")
    tamper(db, "INSERT INTO setting (key, value) VALUES ('sign_in.grace_minutes', '120')")
    result = check(db)
    assert result.chain.intact and not result.ok
    lines = result.message().splitlines()[1:]
    assert lines == [
        "账号“clerk1”的角色与审计记录不符（记录为 人事专员，数据库中为 人事管理员）：在程序之外被修改。",
        "设置“sign_in.grace_minutes”在审计记录中没有新增记录：在程序之外被加入。",
        "积分规则“LATE 签到迟到”的积分与审计记录不符（记录为 -2，数据库中为 500）：在程序之外被修改。",
    ]
    messages.set_language("en")
    assert 'Account "clerk1": Role does not match the audit trail' in check(db).message()


def test_a_password_hash_swapped_in_the_file_and_an_account_deleted_are_named(db: Database) -> None:
    admin(db)
    clerk = accounts.create_account(db.uow(), accounts.AccountData("clerk1", Role.CLERK), "clerk-pass-2026")
    known = accounts.hash_password("attacker-pass")
    tamper(db, "UPDATE account SET password_hash = :h WHERE name = 'admin'", h=known)
    tamper(db, "DELETE FROM account WHERE id = :id", id=clerk)
    lines = check(db).message().splitlines()[1:]
    assert len(lines) == 2
    assert lines[0].startswith("账号“admin”的") and "在程序之外被修改" in lines[0] and known not in lines[0]
    assert lines[1] == "账号“clerk1”按审计记录应当存在，但数据库中已没有：在程序之外被删除。"
