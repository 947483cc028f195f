"""The signed, dated list of revoked certificates an inspector gives to `desktop-hr verify --revocations`.

A UTF-8 JSON file:

    {"format": "desktop_hr-revocations/1", "issued_at": "2026-03-10T09:00:00", "key_id": "1A2B3C4D",
     "revoked": [{"serial": "JY2026-000012", "revoked_on": "2026-03-09", "reason": "姓名有误"}, ...],
     "signature": "<Ed25519, base64url>"}

The signature covers the canonical JSON (sorted keys, no spaces, UTF-8) of every member but "signature",
made with the office key `key_id`. Reading it needs only the office's public keys: a list that is not
signed, signed by another office's key, or changed after signing is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_hr import messages
from desktop_hr.errors import DomainError
from desktop_hr.services.trust import signing

messages.define(
    {
        "revocations.unreadable": (
            "无法读取撤销清单 {path}：{detail}",
            "Cannot read the revocation list {path}: {detail}",
        ),
        "revocations.not_a_list": (
            "文件 {path} 不是本程序导出的撤销清单。",
            "The file {path} is not a revocation list exported by this program.",
        ),
        "revocations.unsigned": (
            "撤销清单 {path} 没有签名，不予采用。请使用签发单位用“desktop-hr export revocations”导出的清单。",
            "The revocation list {path} is not signed; it is not used. Use the list the issuing office "
            'exported with "desktop-hr export revocations".',
        ),
        "revocations.foreign": (
            "撤销清单 {path} 不是用所给公钥对应的单位密钥签名的（清单的密钥编号 {key_id}），不予采用。",
            "The revocation list {path} is not signed with the key of the given public key file "
            "(the list names key {key_id}); it is not used.",
        ),
        "revocations.altered": (
            "撤销清单 {path} 的签名无效：签名后内容被改动，不予采用。",
            "The revocation list {path} has an invalid signature: it was changed after signing; not used.",
        ),
    }
)

FORMAT = "desktop_hr-revocations/1"


class RevocationListRefused(DomainError):
    """Any list that cannot be trusted; `code` names why."""

    code = "revocations.unsigned"

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        super().__init__(**params)


@dataclass(frozen=True)
class Revocation:
    serial: str
    revoked_on: str  # YYYY-MM-DD
    reason: str


@dataclass(frozen=True)
class RevocationList:
    issued_at: datetime
    key_id: str
    revoked: dict[str, Revocation]  # by serial

    @property
    def issued_on(self) -> date:
        return self.issued_at.date()


def _canonical(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build(
    revoked: Iterable[Revocation], *, issued_at: datetime, key_id: str, sign: Callable[[bytes], str]
) -> str:
    """The list's JSON text, signed by `sign` (the office key's) as key `key_id`."""
    body: dict[str, Any] = {
        "format": FORMAT,
        "issued_at": issued_at.replace(microsecond=0).isoformat(),
        "key_id": key_id,
        "revoked": [
            {"serial": r.serial, "revoked_on": r.revoked_on, "reason": r.reason}
            for r in sorted(revoked, key=lambda r: r.serial)
        ],
    }
    signed = {**body, "signature": sign(_canonical(body))}
    return json.dumps(signed, ensure_ascii=False, indent=1) + "\n"


def read(path: Path, public_keys: Mapping[str, Ed25519PublicKey]) -> RevocationList:
    """The list in `path`, its signature checked with the office's public keys; RevocationListRefused
    names the file and why otherwise."""
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RevocationListRefused(
            "revocations.unreadable", path=where, detail=error.strerror or error
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise RevocationListRefused("revocations.not_a_list", path=where) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RevocationListRefused("revocations.not_a_list", path=where)
    signature, key_id = data.pop("signature", None), str(data.get("key_id", ""))
    if not isinstance(signature, str) or not signature or not key_id:
        raise RevocationListRefused("revocations.unsigned", path=where)
    public = public_keys.get(key_id)
    if public is None:
        raise RevocationListRefused("revocations.foreign", path=where, key_id=key_id)
    if not signing.is_valid(public, signature, _canonical(data)):
        raise RevocationListRefused("revocations.altered", path=where)
    try:
        issued_at = datetime.fromisoformat(str(data["issued_at"]))
        revoked = {
            str(r["serial"]): Revocation(str(r["serial"]), str(r["revoked_on"]), str(r["reason"]))
            for r in data["revoked"]
        }
    except (KeyError, TypeError, ValueError):  # signed by the office, so only a program bug gets here
        raise RevocationListRefused("revocations.not_a_list", path=where) from None
    return RevocationList(issued_at, key_id, revoked)
