"""Certificates signed with the office key, and the move away from the old per-database HMAC codes.

Every certificate's row holds the Ed25519 signature of its compact claims (`claims.py`) and the id of the
key that made it. Certificates issued before the office key existed carry an HMAC code made with a key kept
in the settings table (`certificates.hmac_key`), a key that also sits in the audit trail. The first time
the office key signs something for certificates (issuing, exporting the revocation list), every old
certificate whose HMAC code still matches its content is signed with the office key and the HMAC key is
deleted: from then on an old paper's "serial|code" is checked against the stored code and the Ed25519
signature, and the old key vouches for nothing. (Migrations cannot do this: the key file is outside the
database.)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr.models import Certificate, Setting
from desktop_hr.services.office_settings import get_text
from desktop_hr.services.records.claims import claims_of
from desktop_hr.services.trust import keys, signing

log = logging.getLogger(__name__)

HMAC_KEY_SETTING = "certificates.hmac_key"
CODE_LENGTH = 16


def canonical(content: dict[str, Any]) -> str:
    """The exact text stored as a certificate's content: sorted keys, no spaces, Chinese kept as is."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compute_code(key: bytes, content: str) -> str:
    """The old code: first 16 base32 characters of HMAC-SHA256, grouped by four: "ABCD-EFGH-IJKL-MNOP"."""
    digest = hmac.new(key, content.encode("utf-8"), hashlib.sha256).digest()
    letters = base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]
    return "-".join(letters[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """As typed by an inspector: any case, spaces or dashes anywhere."""
    letters = "".join(c for c in code.upper() if c.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _any_signed(session: Session) -> bool:
    return session.scalar(select(Certificate.id).where(Certificate.signature != "").limit(1)) is not None


def legacy_key(session: Session) -> bytes | None:
    """The old HMAC key, only until the first certificate is signed with the office key; else None.

    Once one certificate is signed, the old certificates were signed with it (or were found altered), so an
    HMAC key put back into the settings (its value is in old audit exports) vouches for nothing.
    """
    stored = get_text(session, HMAC_KEY_SETTING, "")
    if not stored or _any_signed(session):
        return None
    return base64.b64decode(stored)


def claims_text(content: str, key_id: str) -> str:
    """The signed part of a certificate's QR text, made from its stored content (ValueError, KeyError or
    TypeError when the content is not readable)."""
    return claims_of(json.loads(content), key_id).text()


def sign(cert: Certificate, key: keys.OfficeKey) -> None:
    """Sign the certificate's claims with the office key, on its row."""
    cert.signature = key.sign(claims_text(cert.content, key.key_id).encode("utf-8"))
    cert.key_id = key.key_id


def is_intact(cert: Certificate, public_keys: Mapping[str, Ed25519PublicKey]) -> bool:
    """The row's content states its serial and its signature holds with the office key that made it."""
    public = public_keys.get(cert.key_id)
    if not cert.signature or public is None:
        return False
    try:
        states_serial = json.loads(cert.content).get("serial") == cert.serial
        signed = claims_text(cert.content, cert.key_id)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    return states_serial and signing.is_valid(public, cert.signature, signed.encode("utf-8"))


def legacy_code_holds(cert: Certificate, key: bytes | None) -> bool:
    """An old certificate's HMAC code still matches its stored content (before the office key signed it)."""
    if key is None:
        return False
    try:
        states_serial = json.loads(cert.content).get("serial") == cert.serial
    except (ValueError, AttributeError):
        return False
    return states_serial and hmac.compare_digest(compute_code(key, cert.content), cert.code)


def sign_legacy(session: Session, key: keys.OfficeKey) -> int:
    """Sign every old certificate whose HMAC code still holds, then delete the HMAC key; the number signed.

    Only before any certificate is signed: an HMAC key put back later signs nothing. A certificate whose
    content no longer matches its code (edited in the database) is left unsigned: it stays "altered".
    """
    setting = session.get(Setting, HMAC_KEY_SETTING)
    if setting is None:
        return 0
    old = legacy_key(session)
    signed = 0
    unsigned = session.scalars(select(Certificate).where(Certificate.signature == "")).all() if old else []
    for cert in unsigned:
        if legacy_code_holds(cert, old):
            sign(cert, key)
            signed += 1
        else:
            log.warning("certificate %s: its code does not match its content; left unsigned", cert.serial)
    session.delete(setting)
    session.flush()
    log.info("%d certificate(s) issued before the office key signed with key %s", signed, key.key_id)
    return signed


def office_key(session: Session) -> keys.OfficeKey:
    """The office key for certificates (made on first use); the old certificates signed with it first."""
    key = keys.key_for_signing(session)
    sign_legacy(session, key)
    return key
