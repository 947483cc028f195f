"""Secrets never shown in the clear: what the audit trail and its exports write instead of a secret value.

A secret (a password hash, the certificate HMAC key of older versions, any setting whose key names a
password, token or key) is replaced by a marker holding a short SHA-256 digest of the value: people see
that it changed, `audit verify` can compare the stored row with what the trail says, and nobody can get
the value back from it (the digest of a random key or of a salted scrypt hash gives nothing away).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

MARKER_PREFIX = "***"  # what older entries wrote for a password hash, and what every marker starts with
SECRET_COLUMNS = frozenset({"password_hash"})
# Settings holding a secret: the certificate HMAC key of older versions, and any key named like a secret.
SECRET_SETTING_KEYS = frozenset({"certificates.hmac_key"})
_SECRET_SETTING_ENDINGS = ("password", "secret", "token", "hmac_key", "private_key", "passphrase")


def is_secret_setting(key: str) -> bool:
    return key in SECRET_SETTING_KEYS or key.lower().endswith(_SECRET_SETTING_ENDINGS)


def marker(value: Any) -> str | None:
    """What an entry keeps for a secret value: "***" and the first 12 hex digits of its SHA-256."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return f"{MARKER_PREFIX}{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def is_marker(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(MARKER_PREFIX)


def secret_in(table: str, record_id: str) -> frozenset[str]:
    """The columns of a row that hold a secret: the value of a secret setting, a password hash."""
    if table == "setting" and is_secret_setting(record_id):
        return frozenset({"value"})
    if table == "account":
        return SECRET_COLUMNS
    return frozenset()


def redact_changes(table: str, record_id: str, changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """An entry's before → after values with every secret replaced by its marker (markers stay as they are)."""
    secret = secret_in(table, record_id)
    if not secret or not (secret & changes.keys()):
        return changes
    redacted = dict(changes)
    for column in secret & changes.keys():
        pair = changes[column]
        redacted[column] = [value if is_marker(value) else marker(value) for value in pair]
    return redacted


def redact_json(table: str, record_id: str, text: str) -> str:
    """A stored entry's changes (JSON) as shown and exported: secrets written by older versions hidden."""
    if not text or not secret_in(table, record_id):
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    if not isinstance(parsed, dict):
        return text
    cleaned = {k: v if isinstance(v, list) else [None, v] for k, v in parsed.items()}
    redacted = redact_changes(table, record_id, cleaned)
    if redacted is cleaned:
        return text
    return json.dumps(redacted, ensure_ascii=False, sort_keys=True)
