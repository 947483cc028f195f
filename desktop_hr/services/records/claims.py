"""A certificate's compact signed claims: the text its QR code carries, checked with only a public key.

No database, no account: `desktop-hr verify --key` and the window's verify dialog read the same text.

Format (version 1), UTF-8, thirteen fields separated by "|":

    DHR1|kind|serial|name|工号|course|hours|credits|date|issued|result|key id|signature

- `DHR1`: the format and its version.
- `kind`: C 结业证书 (completion), T 优秀内训师 (excellent trainer), A 年度学分证书 (annual credits).
- `serial`, `name`, `工号` as printed; `course`: the course title (completion only, else empty), shortened
  with a final "…" only when the whole text would not fit the size bound (`MAX_BYTES`).
- `hours`, `credits`: decimal numbers as printed ("16", "2.5"; credits empty on a trainer certificate).
- `date`: completion: the session's date, YYYY-MM-DD; the yearly certificates: the year, YYYY.
- `issued`: the day the certificate was issued, YYYY-MM-DD.
- `result`: completion: the session code; excellent trainer: "contribution;sessions taught"; annual
  credits: empty.
- `key id`: the 8 hex characters naming the office key that signed (services/trust/signing.key_id).
- `signature`: Ed25519 over the UTF-8 bytes of everything before the last "|" (prefix and key id included),
  base64url without padding (86 characters).

A "|" inside a text field is written as "¦" (and a line break as a space), so fields never split. The text
stays within `MAX_BYTES` bytes, which fits a QR code of version 15 at error correction M (byte mode with
a UTF-8 ECI), small enough for a phone to read from an A4 page.
"""

from __future__ import annotations

import base64
import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_hr import messages
from desktop_hr.services.trust import signing

messages.define(
    {
        "claims.valid": ("签名有效", "Signature valid"),
        # the certificates' titles (certificates.certificate_title), here so that verifying needs no database
        "certificate.title.completion": ("结业证书", "Certificate of Completion"),
        "certificate.title.excellent_trainer": ("优秀内训师", "Excellent Trainer"),
        "certificate.title.annual_credits": ("年度学分证书", "Annual Credit Certificate"),
        "claims.truncated": (
            "二维码内容不完整（被截断），无法核验。请重新完整扫描证书上的二维码。",
            "The QR text is incomplete (cut short); it cannot be verified. Scan the whole QR code again.",
        ),
        "claims.malformed": (
            "不是本程序证书二维码的格式（{detail}），无法核验。",
            "Not the format of this program's certificate QR code ({detail}); it cannot be verified.",
        ),
        "claims.legacy": (
            "这是旧版证书的“编号|校验码”，不含签名：只能在签发单位的培训管理程序中核验。",
            'This is an older certificate\'s "serial|code" without a signature: only the issuing '
            "office's program can check it.",
        ),
        "claims.unknown_key": (
            "签名不是用所给公钥签的（证书上的密钥编号 {key_id}，公钥文件中的编号 {known}）："
            "证书不是该单位签发的，或密钥编号被改动。",
            "The signature is not made with the given public key (the certificate names key {key_id}, "
            "the key file holds {known}): another office issued it, or the key id was altered.",
        ),
        "claims.altered": (
            "签名无效：证书内容与签名不符，内容已被改动。",
            "Signature invalid: the certificate's content does not match its signature; it was altered.",
        ),
        "claims.detail.prefix": ("开头应为 DHR1|", "it should start with DHR1|"),
        "claims.detail.fields": (
            "应有 {expected} 项，实有 {count} 项",
            "{expected} fields expected, {count} found",
        ),
        "claims.detail.kind": ("证书类别“{value}”未知", 'unknown certificate kind "{value}"'),
        "claims.detail.key_id": ("密钥编号“{value}”格式不对", 'malformed key id "{value}"'),
        "claims.detail.signature": ("签名不是 base64url", "the signature is not base64url"),
    }
)

PREFIX = "DHR1"
SEP = "|"
FIELD_COUNT = 13
SIGNATURE_BYTES = 64
SIGNATURE_CHARS = 86
MAX_BYTES = 400  # version 15-M holds 412 data bytes: less the mode, ECI and length headers
ELLIPSIS = "…"
KINDS = {"completion": "C", "excellent_trainer": "T", "annual_credits": "A"}
KIND_VALUES = {letter: kind for kind, letter in KINDS.items()}


@dataclass(frozen=True)
class Claims:
    """What a certificate states, as its QR code carries it (every field text)."""

    kind: str  # the CertificateKind value: completion, excellent_trainer, annual_credits
    serial: str
    name: str
    employee_no: str
    course: str
    hours: str
    credits: str
    date: str
    issued: str
    result: str
    key_id: str

    def fields(self) -> list[str]:
        return [
            PREFIX,
            KINDS[self.kind],
            self.serial,
            self.name,
            self.employee_no,
            self.course,
            self.hours,
            self.credits,
            self.date,
            self.issued,
            self.result,
            self.key_id,
        ]

    def text(self) -> str:
        """The signed part: everything the signature covers."""
        return SEP.join(self.fields())


def _field(value: object) -> str:
    return str(value).replace(SEP, "¦").replace("\r", " ").replace("\n", " ")


def _fit(claims: Claims) -> Claims:
    """Shorten the course (the only long free text) so that the whole QR text stays within MAX_BYTES."""
    over = len(claims.text().encode("utf-8")) + len(SEP) + SIGNATURE_CHARS - MAX_BYTES
    if over <= 0:
        return claims
    course = claims.course
    target = len(course.encode("utf-8")) - over - len(ELLIPSIS.encode("utf-8"))
    while course and len(course.encode("utf-8")) > target:
        course = course[:-1]
    fitted = Claims(**{**vars(claims), "course": course + ELLIPSIS if course else ""})
    if len(fitted.text().encode("utf-8")) + len(SEP) + SIGNATURE_CHARS > MAX_BYTES:
        raise ValueError(f"certificate {claims.serial}: claims longer than {MAX_BYTES} bytes")
    return fitted


def claims_of(content: Mapping[str, Any], key_id: str) -> Claims:
    """The compact claims of a certificate's stored content (its canonical JSON, parsed) for key `key_id`.

    Deterministic: the same content and key always give the same text, so the signature made at issue
    can be checked again from the database.
    """
    kind = str(content["kind"])
    if kind == "completion":
        date_field, result = str(content.get("date", "")), str(content.get("session", ""))
    else:
        date_field, result = str(content.get("year", "")), ""
        if kind == "excellent_trainer":
            result = f"{content.get('contribution', '')};{content.get('sessions', '')}"
    claims = Claims(
        kind=kind,
        serial=_field(content["serial"]),
        name=_field(content.get("name", "")),
        employee_no=_field(content.get("employee_no", "")),
        course=_field(content.get("course", "")) if kind == "completion" else "",
        hours=_field(content.get("hours", "")),
        credits=_field(content.get("credits", "")),
        date=_field(date_field),
        issued=_field(content.get("issued", "")),
        result=_field(result),
        key_id=key_id,
    )
    return _fit(claims)


def qr_text(claims_text: str, signature: str) -> str:
    """The whole QR text: the signed claims, then the signature."""
    return f"{claims_text}{SEP}{signature}"


def short_code(signature: str) -> str:
    """The verification code printed beside the serial for typing in: 16 base32 letters of the signature's
    SHA-256, "ABCD-EFGH-IJKL-MNOP" (it cannot be predicted without the signature, hence the private key)."""
    letters = base64.b32encode(hashlib.sha256(signature.encode("ascii")).digest()).decode("ascii")[:16]
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


# ---- reading and checking ---------------------------------------------------------------------------


class Outcome(enum.StrEnum):
    VALID = "valid"
    TRUNCATED = "truncated"
    MALFORMED = "malformed"
    LEGACY = "legacy"  # an old "serial|code": only the office's database can check it
    UNKNOWN_KEY = "unknown_key"  # signed with a key the given public keys do not hold
    ALTERED = "altered"


@dataclass(frozen=True)
class Check:
    """The verdict on a QR text: its claims when they could be read (even when the signature fails)."""

    outcome: Outcome
    claims: Claims | None = None
    signed_text: str = ""
    signature: str = ""
    detail: str = ""  # the malformed field, or the known key ids

    @property
    def valid(self) -> bool:
        return self.outcome is Outcome.VALID

    def message(self) -> str:
        if self.outcome is Outcome.MALFORMED:
            return messages.text("claims.malformed", detail=self.detail)
        if self.outcome is Outcome.UNKNOWN_KEY and self.claims is not None:
            return messages.text("claims.unknown_key", key_id=self.claims.key_id, known=self.detail)
        return messages.text(f"claims.{self.outcome.value}")


def _malformed(code: str, **params: object) -> Check:
    return Check(Outcome.MALFORMED, detail=messages.text(f"claims.detail.{code}", **params))


def _parse(text: str) -> Check:
    """The claims of a QR text, or what is wrong with its form (the signature is not checked here)."""
    text = text.strip()
    if not text.startswith(PREFIX + SEP):
        if (PREFIX + SEP).startswith(text):
            return Check(Outcome.TRUNCATED)
        if text.count(SEP) == 1:
            return Check(Outcome.LEGACY)
        return _malformed("prefix")
    fields = text.split(SEP)
    if len(fields) < FIELD_COUNT:
        return Check(Outcome.TRUNCATED)
    if len(fields) > FIELD_COUNT:
        return _malformed("fields", expected=FIELD_COUNT, count=len(fields))
    kind, key_id, signature = fields[1], fields[11], fields[12]
    if kind not in KIND_VALUES:
        return _malformed("kind", value=kind)
    if len(key_id) != signing.KEY_ID_LENGTH or any(c not in "0123456789ABCDEF" for c in key_id):
        return _malformed("key_id", value=key_id)
    serial, name, employee_no, course, hours, credits, date, issued, result = fields[2:11]
    claims = Claims(
        KIND_VALUES[kind], serial, name, employee_no, course, hours, credits, date, issued, result, key_id
    )
    signed = text[: text.rfind(SEP)]
    if len(signature) < SIGNATURE_CHARS:
        return Check(Outcome.TRUNCATED, claims, signed, signature)
    try:
        raw = signing.unb64url(signature)
    except ValueError:
        return Check(Outcome.ALTERED, claims, signed, signature, messages.text("claims.detail.signature"))
    if len(raw) != SIGNATURE_BYTES:
        return Check(Outcome.ALTERED, claims, signed, signature)
    return Check(Outcome.VALID, claims, signed, signature)


def check(text: str, public_keys: Mapping[str, Ed25519PublicKey]) -> Check:
    """Read a QR text and check its signature with the office's public keys (by key id)."""
    parsed = _parse(text)
    if not parsed.valid or parsed.claims is None:
        return parsed
    public = public_keys.get(parsed.claims.key_id)
    if public is None:
        known = "、".join(sorted(public_keys)) or "-"
        return Check(Outcome.UNKNOWN_KEY, parsed.claims, parsed.signed_text, parsed.signature, known)
    if not signing.is_valid(public, parsed.signature, parsed.signed_text.encode("utf-8")):
        return Check(Outcome.ALTERED, parsed.claims, parsed.signed_text, parsed.signature)
    return parsed
