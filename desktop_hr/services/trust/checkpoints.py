"""Signed checkpoints of the audit chain: the office key signs the chain's head at every commit that adds
entries, so a chain recomputed by someone who has only the database file no longer verifies.

Each checkpoint signs "entry id, entry hash, time signed" with the office key (services/trust/keys.py):
since every entry carries the hash of the one before, a signature over the head covers every entry up to
it. Signing costs about 50 µs; the key file is read once and kept while it is unchanged.

When the key file is missing (a USB stick not plugged in) the commit goes ahead unsigned, with a warning
in the log: nothing is lost, and `audit verify` names the entries no signature covers yet. The next commit
made with the key signs them all; `verify` still says they were signed late (the time signed is part of
the signature), so removing checkpoints and letting the program sign again cannot hide an edit.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Table, func, insert, or_, select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.models import AuditCheckpoint, AuditEntry, Setting
from desktop_hr.models.base import utcnow
from desktop_hr.paths import data_dir
from desktop_hr.services.trust import keys, signing

log = logging.getLogger(__name__)

# How `audit verify` names what the checkpoints found (audit.Verification.message).
messages.define(
    {
        "audit_problem_signature": (
            "处的签名检查点不是本单位密钥的有效签名（审计记录被重新计算过）",
            "has a checkpoint whose signature is not a valid signature of the office key (the trail was recomputed)",
        ),
        "audit_problem_checkpoint_hash": (
            "与签名检查点记下的校验值不符（审计记录被重新计算过）",
            "no longer has the hash its signed checkpoint records (the trail was recomputed)",
        ),
        "audit_problem_key": (
            "处的签名检查点使用了不属于本单位的密钥",
            "has a checkpoint signed by a key that is not the office's",
        ),
        "audit_problem_checkpoint_missing": (
            "已被签名，但该条及之后的记录已被删除（最后一条为 #{head}）",
            "was signed, but it and the entries after it were deleted (the last is #{head})",
        ),
        "audit_problem_unsigned": (
            "起（至 #{last}）没有本单位密钥的签名：写入时找不到密钥文件，或签名检查点被删除",
            "and the entries after it (to #{last}) carry no signature of the office key: the key file was "
            "missing when they were written, or the checkpoints were removed",
        ),
        "audit_note_never_signed": (
            "注意：这些记录还没有本单位密钥的签名（本单位尚未建立签名密钥）。",
            "Note: these entries carry no signature of an office key yet (the office has no signing key).",
        ),
        "audit_note_late": (
            "注意：第 #{first}–#{last} 条是事后才签名的（写入时找不到密钥文件，或签名检查点曾被删除）。",
            "Note: entries #{first}–#{last} were signed only later (the key file was missing when they were "
            "written, or checkpoints were removed).",
        ),
        "audit_note_db_keys": (
            "注意：签名仅用数据库中保存的公钥 {keys} 核对（本机找不到对应的密钥文件）；"
            "用 audit verify --key 公钥文件 可独立核对。",
            "Note: signatures were checked only against the public key(s) {keys} stored in the database (no "
            "key file on this computer); audit verify --key PUBLIC.pem checks them independently.",
        ),
    }
)

_TABLE = cast(Table, AuditCheckpoint.__table__)
_KEY = "audit_checkpoint_key"  # session.info: the key prepared for this commit
# An entry is signed "late" when its first signature came this long after it was written: the key file
# was missing then, or checkpoints were removed and the program signed what it found.
LATE_AFTER = timedelta(minutes=5)

_cache: dict[tuple[Path, int], keys.OfficeKey] = {}
_warned: set[str] = set()


def payload(entry_id: int, entry_hash: str, signed_at: datetime) -> bytes:
    """What a checkpoint's signature covers."""
    moment = signed_at.isoformat(timespec="microseconds")
    return f"desktop_hr audit checkpoint\n{entry_id}\n{entry_hash}\n{moment}".encode("ascii")


# Built once: the settings naming the current key and its folder (no expanding IN: cached whole).
_SETTINGS_QUERY = select(Setting.key, Setting.value).where(
    or_(Setting.key == keys.CURRENT_SETTING, Setting.key == keys.FOLDER_SETTING)
)


def _current_key(session: Session) -> keys.OfficeKey | None:
    """The office key, read from its file only when the file changed; None before the first signature.
    One plain query for the two settings (this runs at every commit that writes entries)."""
    wanted = _SETTINGS_QUERY
    found_settings = {str(row[0]): str(row[1]) for row in session.connection().execute(wanted)}
    key_id = found_settings.get(keys.CURRENT_SETTING, "")
    if not key_id:
        return None
    chosen = found_settings.get(keys.FOLDER_SETTING, "")
    path = keys.key_file(Path(chosen) if chosen else _default_folder(), key_id)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise keys.KeyFileMissing(path=str(path), key_id=key_id) from None
    found = _cache.get((path, stamp))
    if found is None or found.key_id != key_id:
        found = keys.signing_key(session)
        if found is None:
            return None
        _cache.clear()
        _cache[(path, stamp)] = found
    return found


def _default_folder() -> Path:
    return data_dir() / "keys"


def _warn(problem: Exception) -> None:
    text = str(problem)
    if text not in _warned:
        _warned.add(text)
        log.warning("audit entries written without a signed checkpoint: %s", text)


def start(session: Session) -> None:
    """A new office's key, made with its first administrator (inside that transaction): its trail is signed
    from the first entry on. A key folder that cannot be written leaves the trail unsigned, with a warning."""
    try:
        keys.key_for_signing(session)
    except (DomainError, OSError) as problem:
        _warn(problem)


def prepare(session: Session) -> None:
    """Before the transaction's entries are chained: find the key that will sign them. A database from
    before signing gets its key with the first commit of a signed-in account (its public key and
    `keys.current` become entries of that same commit). Without a usable key file the commit goes ahead
    unsigned, and the log says why."""
    session.info.pop(_KEY, None)
    try:
        key = _current_key(session)
        if key is None:
            principal = session.info.get("principal")
            if getattr(principal, "account_id", None) is None:
                return  # not a signed-in account: the sign-in's own bookkeeping, tests' stand-ins
            key = keys.key_for_signing(session)
    except (DomainError, OSError) as problem:
        _warn(problem)
        return
    session.info[_KEY] = key


def sign(session: Session) -> bool:
    """After the entries were chained: sign the new head. False when there was no key to sign with."""
    key: keys.OfficeKey | None = session.info.pop(_KEY, None)
    if key is None:
        return False
    connection = session.connection()
    head = connection.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    if head is None:
        return False
    entry_id, entry_hash = int(head[0]), str(head[1])
    signed_at = utcnow()
    connection.execute(
        insert(_TABLE).values(
            entry_id=entry_id,
            entry_hash=entry_hash,
            key_id=key.key_id,
            signature=key.sign(payload(entry_id, entry_hash, signed_at)),
            signed_at=signed_at,
        )
    )
    return True


# ---------------------------------------------------------------- verification


def key_files_public(session: Session) -> dict[str, Ed25519PublicKey]:
    """The public halves of the key files found outside the database (the key folder, and the data
    folder's `keys/`): keys a copy of the database file cannot swap."""
    found: dict[str, Ed25519PublicKey] = {}
    for folder in {keys.key_folder(session), data_dir() / "keys"}:
        try:
            files = sorted(folder.glob("desktop_hr-*.key"))
        except OSError:
            continue
        for path in files:
            try:
                public = signing.load_private_pem(path.read_bytes()).public_key()
            except (OSError, ValueError):
                continue
            found[signing.key_id(public)] = public
    return found


@dataclass(frozen=True)
class _Checkpoint:
    entry_id: int
    entry_hash: str
    key_id: str
    signature: str
    signed_at: datetime


@dataclass
class CheckpointCheck:
    """Follows `audit.verify`'s walk over the chain: each checkpoint must sign an entry that exists, with its
    hash, by one of the office's keys. `problem` is the first failure: (entry id, kind), kind one of
    "signature" (not the office key's signature), "checkpoint_hash" (the entry was recomputed), "key"
    (a key that is not the office's)."""

    checkpoints: list[_Checkpoint]
    stored_keys: Mapping[str, Ed25519PublicKey]
    outside_keys: Mapping[str, Ed25519PublicKey]
    strict: bool  # only `outside_keys` count: a checkpoint signed by another key fails
    signing_since: int  # the entry that made the office's first key: later entries are signed at once
    problem: tuple[int, str] | None = None
    signed_through: int = 0  # the last entry a valid signature covers
    late: list[tuple[int, int]] = field(default_factory=list)  # (first, last) entries signed late
    database_only_keys: set[str] = field(default_factory=set)  # keys only the database vouches for
    _next: int = 0

    def _valid(self, point: _Checkpoint) -> bool:
        public = self.outside_keys.get(point.key_id)
        if public is None:
            if self.strict or point.key_id not in self.stored_keys:
                self.problem = (point.entry_id, "key")
                return False
            public = self.stored_keys[point.key_id]
            self.database_only_keys.add(point.key_id)
        signed = payload(point.entry_id, point.entry_hash, point.signed_at)
        if not signing.is_valid(public, point.signature, signed):
            self.problem = (point.entry_id, "signature")
            return False
        return True

    def see(self, entry_id: int, entry_hash: str, at: datetime) -> bool:
        """One entry of the walk, in order; False once a checkpoint failed."""
        points = self.checkpoints
        while self._next < len(points) and points[self._next].entry_id < entry_id:
            self._next += 1  # signs an entry the walk did not meet (a gap: the walk reports it)
        covering = points[self._next] if self._next < len(points) else None
        if entry_id > self.signing_since and covering is not None and covering.signed_at - at > LATE_AFTER:
            if self.late and self.late[-1][1] == entry_id - 1:
                self.late[-1] = (self.late[-1][0], entry_id)
            else:
                self.late.append((entry_id, entry_id))
        while self._next < len(points) and points[self._next].entry_id == entry_id:
            point = points[self._next]
            if point.entry_hash != entry_hash:
                self.problem = (entry_id, "checkpoint_hash")
                return False
            if not self._valid(point):
                return False
            self.signed_through = entry_id
            self._next += 1
        return True

    def beyond(self, last_id: int) -> int | None:
        """After the walk: the first entry a checkpoint signs that the chain no longer holds (deleted)."""
        rest = [point.entry_id for point in self.checkpoints[self._next :] if point.entry_id > last_id]
        return rest[0] if rest else None


def checker(session: Session, trusted: Mapping[str, Ed25519PublicKey] | None = None) -> CheckpointCheck:
    """`trusted`: the public keys an inspector brought (an exported PEM); else the key files found on this
    computer vouch for the keys, and the database's own public keys are used for the others."""
    rows = session.execute(
        select(
            AuditCheckpoint.entry_id,
            AuditCheckpoint.entry_hash,
            AuditCheckpoint.key_id,
            AuditCheckpoint.signature,
            AuditCheckpoint.signed_at,
        ).order_by(AuditCheckpoint.entry_id, AuditCheckpoint.id)
    )
    points = [_Checkpoint(int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4]) for r in rows]
    stored = keys.public_keys(session)
    outside = dict(trusted) if trusted is not None else key_files_public(session)
    # When this computer holds the office's key files, they alone vouch for the keys: a key someone put
    # into the database file, with checkpoints signed by it, is not the office's.
    strict = trusted is not None or bool(outside.keys() & stored.keys())
    first_key = select(func.min(AuditEntry.id)).where(
        AuditEntry.table_name == "setting", AuditEntry.record_id == keys.CURRENT_SETTING
    )
    since = session.scalar(first_key)
    return CheckpointCheck(points, stored, outside, strict, int(since or 2**62))
