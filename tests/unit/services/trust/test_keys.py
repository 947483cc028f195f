"""The office key: created on first use outside the database, rotated, backed up with a passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from desktop_hr.db import Database
from desktop_hr.models import Setting
from desktop_hr.paths import data_dir
from desktop_hr.services.trust import keys, signing
from desktop_hr.services.trust.office_identity import office_id


def test_every_database_has_its_own_office_identity(db: Database) -> None:
    with db.read_session() as session:
        identity = office_id(session)
    assert len(identity) == 32
    int(identity, 16)


def test_the_first_key_lives_in_a_file_and_only_its_public_half_in_the_database(
    db: Database, tmp_path: Path
) -> None:
    with db.uow() as uow:
        key = keys.key_for_signing(uow.session)
        uow.commit()
    path = keys.key_file(data_dir() / "keys", key.key_id)
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    private_text = path.read_bytes()
    with db.read_session() as session:
        stored = " ".join(s.value for s in session.scalars(select(Setting)))
        assert keys.current_key_id(session) == key.key_id
        assert set(keys.public_keys(session)) == {key.key_id}
        again = keys.signing_key(session)
    assert again is not None and again.key_id == key.key_id
    body = b"".join(private_text.splitlines()[1:-1]).decode("ascii")
    assert body not in stored and "PRIVATE" not in stored
    assert signing.is_valid(key.public, key.sign(b"claims"), b"claims")


def test_rotation_keeps_old_public_keys_and_a_missing_file_is_named(db: Database, tmp_path: Path) -> None:
    with db.uow() as uow:
        old = keys.key_for_signing(uow.session)
        new = keys.rotate(uow.session)
        uow.commit()
    assert old.key_id != new.key_id
    with db.read_session() as session:
        assert set(keys.public_keys(session)) == {old.key_id, new.key_id}
        assert keys.public_pem_text(session).count("BEGIN PUBLIC KEY") == 2
    keys.key_file(data_dir() / "keys", new.key_id).unlink()
    with db.read_session() as session, pytest.raises(keys.KeyFileMissing) as missing:
        keys.signing_key(session)
    assert new.key_id in str(missing.value) and "U盘" in str(missing.value)


def test_a_key_backup_needs_its_passphrase_and_belongs_to_this_office(db: Database, tmp_path: Path) -> None:
    backup = tmp_path / "office.keybackup"
    with db.uow() as uow:
        with pytest.raises(keys.PassphraseTooShort):
            keys.backup_key(uow.session, backup, "short")
        key = keys.key_for_signing(uow.session)
        keys.backup_key(uow.session, backup, "长口令 long passphrase")
        uow.commit()
    assert b"ENCRYPTED" in backup.read_bytes()
    keys.key_file(data_dir() / "keys", key.key_id).unlink()
    with db.read_session() as session:
        with pytest.raises(keys.KeyBackupUnreadable):
            keys.restore_key_backup(session, backup, "wrong passphrase")
        restored = keys.restore_key_backup(session, backup, "长口令 long passphrase")
        assert restored.key_id == key.key_id
        assert keys.signing_key(session) is not None
    stranger = tmp_path / "stranger.keybackup"
    stranger.write_bytes(signing.private_pem(Ed25519PrivateKey.generate(), b"passphrase!"))
    with db.read_session() as session, pytest.raises(keys.KeyBackupOtherOffice):
        keys.restore_key_backup(session, stranger, "passphrase!")


def test_a_signature_spelled_differently_in_its_unused_bits_does_not_verify() -> None:
    private = Ed25519PrivateKey.generate()
    good = signing.sign(private, b"claims")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    # 64 bytes in 86 characters: the last one carries 2 bits, so 15 other characters decode the same.
    same_bytes = [
        c for c in alphabet if c != good[-1] and alphabet.index(c) >> 4 == alphabet.index(good[-1]) >> 4
    ]
    assert len(same_bytes) == 15
    for other in same_bytes:
        assert not signing.is_valid(private.public_key(), good[:-1] + other, b"claims")
    assert signing.is_valid(private.public_key(), good, b"claims")
