"""The office's Ed25519 signing key: a key file outside the database, public keys inside it.

- The private key never enters the database, its backups, the audit trail or an export. It lives in a key
  file, `desktop_hr-<key id>.key` (PKCS#8 PEM, readable by its owner only), in the key folder: the data
  folder's `keys/` by default, or a folder the administrator chooses (setting `keys.folder`, e.g. a USB
  stick).
- The database keeps the public keys (`keys.public.<key id>`, PEM) and which one signs now
  (`keys.current`): rotating makes a new current key while old certificates keep verifying with theirs.
- A key backup is an explicit, passphrase-protected copy of the private key (`backup_key`), restored
  with `restore_key_backup`.

The first signature ever (a certificate, an audit checkpoint) creates the key: whoever is signed in then
writes the two settings (they are in `permissions.SYSTEM_SETTING_KEYS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import Setting
from desktop_hr.paths import data_dir
from desktop_hr.services.files import write_atomically
from desktop_hr.services.office_settings import get_text, put_text
from desktop_hr.services.trust import signing

messages.define(
    {
        "keys.file_missing": (
            "找不到本单位的签名密钥文件 {path}（密钥编号 {key_id}）。请插入存放密钥的U盘，"
            "或用“恢复密钥备份”从密钥备份文件恢复。",
            "The office's signing key file {path} (key {key_id}) is missing. Plug in the USB stick that "
            "holds it, or restore it from the key backup.",
        ),
        "keys.file_wrong": (
            "密钥文件 {path} 与本单位的公钥（密钥编号 {key_id}）不符，无法用于签名。",
            "The key file {path} does not match the office's public key {key_id}; it cannot sign.",
        ),
        "keys.backup_unreadable": (
            "无法读取密钥备份 {path}：口令不正确，或文件不是本程序的密钥备份。",
            "Cannot read the key backup {path}: wrong passphrase, or not a key backup of this program.",
        ),
        "keys.backup_other_office": (
            "密钥备份 {path} 中的密钥（编号 {key_id}）不属于本单位，未恢复。",
            "The key in backup {path} (key {key_id}) is not one of this office's keys; nothing restored.",
        ),
        "keys.passphrase_short": (
            "密钥备份口令至少需要 {minimum} 个字符。",
            "The key backup passphrase needs at least {minimum} characters.",
        ),
    }
)

FOLDER_SETTING = "keys.folder"
CURRENT_SETTING = "keys.current"
PUBLIC_PREFIX = "keys.public."
PASSPHRASE_MIN = 8


class KeyFileMissing(DomainError):
    code = "keys.file_missing"


class KeyFileWrong(DomainError):
    code = "keys.file_wrong"


class KeyBackupUnreadable(DomainError):
    code = "keys.backup_unreadable"


class KeyBackupOtherOffice(DomainError):
    code = "keys.backup_other_office"


class PassphraseTooShort(DomainError):
    code = "keys.passphrase_short"


@dataclass(frozen=True)
class OfficeKey:
    key_id: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def sign(self, data: bytes) -> str:
        return signing.sign(self.private, data)


def key_folder(session: Session) -> Path:
    chosen = get_text(session, FOLDER_SETTING, "")
    return Path(chosen) if chosen else data_dir() / "keys"


def key_file(folder: Path, key_id: str) -> Path:
    return folder / f"desktop_hr-{key_id}.key"


def current_key_id(session: Session) -> str:
    """The key that signs now; "" before the first signature."""
    return get_text(session, CURRENT_SETTING, "")


def public_keys(session: Session) -> dict[str, Ed25519PublicKey]:
    """Every public key the office ever signed with, by key id (old ones verify old certificates)."""
    rows = session.scalars(select(Setting).where(Setting.key.startswith(PUBLIC_PREFIX)))
    found: dict[str, Ed25519PublicKey] = {}
    for row in rows:
        found.update(signing.load_public_pems(row.value))
    return found


def public_pem_text(session: Session) -> str:
    """All the office's public keys as one PEM text, the current one first (what `export-public` writes)."""
    keys = public_keys(session)
    current = current_key_id(session)
    ordered = sorted(keys, key=lambda k: (k != current, k))
    return "".join(signing.public_pem(keys[k]) for k in ordered)


def _write_private(folder: Path, key: OfficeKey) -> Path:
    """Atomically, readable by the owner only."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_atomically(key_file(folder, key.key_id), signing.private_pem(key.private), owner_only=True)


def _adopt(session: Session, key: OfficeKey) -> None:
    """Make `key` the current one, inside the caller's transaction."""
    put_text(session, PUBLIC_PREFIX + key.key_id, signing.public_pem(key.public))
    put_text(session, CURRENT_SETTING, key.key_id)
    session.flush()


def _new_key(session: Session) -> OfficeKey:
    private = Ed25519PrivateKey.generate()
    key = OfficeKey(signing.key_id(private.public_key()), private)
    _write_private(key_folder(session), key)
    _adopt(session, key)
    return key


def signing_key(session: Session) -> OfficeKey | None:
    """The current key read from its file; None before the first signature. Raises KeyFileMissing when
    the database names a key whose file is not in the key folder, KeyFileWrong for another key's file."""
    current = current_key_id(session)
    if not current:
        return None
    path = key_file(key_folder(session), current)
    try:
        private = signing.load_private_pem(path.read_bytes())
    except FileNotFoundError:
        raise KeyFileMissing(path=str(path), key_id=current) from None
    except (OSError, ValueError):
        raise KeyFileWrong(path=str(path), key_id=current) from None
    if signing.key_id(private.public_key()) != current:
        raise KeyFileWrong(path=str(path), key_id=current)
    return OfficeKey(current, private)


def key_for_signing(session: Session) -> OfficeKey:
    """The current key, created (file and public key) on the first signature ever."""
    return signing_key(session) or _new_key(session)


def rotate(session: Session) -> OfficeKey:
    """A new current key, inside the caller's transaction; the old public keys stay for verifying."""
    return _new_key(session)


def backup_key(session: Session, target: Path, passphrase: str) -> Path:
    """Write the current private key to `target`, encrypted with `passphrase` (the explicit key backup)."""
    if len(passphrase) < PASSPHRASE_MIN:
        raise PassphraseTooShort(minimum=PASSPHRASE_MIN)
    key = key_for_signing(session)
    target.write_bytes(signing.private_pem(key.private, passphrase.encode("utf-8")))
    return target


def restore_key_backup(session: Session, source: Path, passphrase: str) -> OfficeKey:
    """Put a backed-up key back into the key folder; only one of this office's keys is accepted."""
    try:
        private = signing.load_private_pem(source.read_bytes(), passphrase.encode("utf-8"))
    except (OSError, ValueError):
        raise KeyBackupUnreadable(path=str(source)) from None
    key = OfficeKey(signing.key_id(private.public_key()), private)
    if key.key_id not in public_keys(session):
        raise KeyBackupOtherOffice(path=str(source), key_id=key.key_id)
    _write_private(key_folder(session), key)
    return key


def move_folder(session: Session, folder: Path) -> Path:
    """Use `folder` for the key files from now on (inside the caller's transaction): the current key's
    file is written there first, then the setting changes. The old file is left for the caller to
    delete once the transaction committed."""
    key = signing_key(session)
    if key is not None:
        _write_private(folder, key)
    put_text(session, FOLDER_SETTING, str(folder))
    return folder
